import os

from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.vector_stores.postgres import PGVectorStore
from sqlalchemy import make_url

url = make_url(os.environ["PGVECTOR_URL"])

vector_store = PGVectorStore.from_params(
    database=url.database,
    host=url.host,
    password=url.password,
    port=url.port,
    user=url.username,
    table_name="paul_graham_essay",
    embed_dim=1536,
    hnsw_kwargs={"hnsw_m": 16, "hnsw_ef_construction": 64, "hnsw_ef_search": 40},
)
storage_context = StorageContext.from_defaults(vector_store=vector_store)


def build(documents):
    return VectorStoreIndex.from_documents(documents, storage_context=storage_context, show_progress=True)
