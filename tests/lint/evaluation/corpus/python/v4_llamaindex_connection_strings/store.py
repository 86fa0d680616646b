from llama_index.vector_stores.postgres import PGVectorStore

vector_store = PGVectorStore.from_params(
    connection_string="postgresql+psycopg2://llama:llama@vectors.example.com:5432/vectors?sslmode=require",
    async_connection_string="postgresql+asyncpg://llama:llama@vectors.example.com:5432/vectors?ssl=require",
    table_name="docs",
    embed_dim=1536,
)
