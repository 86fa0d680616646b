from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.vector_stores.postgres import PGVectorStore

vector_store = PGVectorStore.from_params(
    connection_string="postgresql://llama:llama@rag-db.example.com:5432/rag",
    async_connection_string="postgresql+asyncpg://llama:llama@rag-db.example.com:5432/rag",
    table_name="paul_graham_essay",
    embed_dim=1536,
)
storage_context = StorageContext.from_defaults(vector_store=vector_store)


def build(documents):
    return VectorStoreIndex.from_documents(documents, storage_context=storage_context)
