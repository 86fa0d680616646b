from langchain_openai import OpenAIEmbeddings
from langchain_postgres import PGVector

connection = "postgresql+psycopg://langchain:langchain@vectors.example.com:6024/langchain"
collection_name = "my_docs"

vector_store = PGVector(
    embeddings=OpenAIEmbeddings(model="text-embedding-3-small"),
    collection_name=collection_name,
    connection=connection,
    use_jsonb=True,
)
