import os

from llama_index.core import StorageContext, VectorStoreIndex
from llama_index.vector_stores.postgres import PGVectorStore
from sqlalchemy import make_url

connection_string = os.getenv("PG_CONNECTION", "postgresql://llama:llama@vectors.example.com:5432")
url = make_url(connection_string)

vector_store = PGVectorStore.from_params(
    database="vector_db",
    host=url.host,
    password=url.password,
    port=url.port,
    user=url.username,
    table_name="paul_graham_essay",
    embed_dim=1536,
)
storage_context = StorageContext.from_defaults(vector_store=vector_store)
