from langchain_core.embeddings import Embeddings
from langchain_postgres.vectorstores import PGVector

CONNECTION = "postgresql+psycopg://rag:rag@rag-db.example.com:5432/rag"


def get_store(embeddings: Embeddings, collection: str) -> PGVector:
    return PGVector(embeddings=embeddings, collection_name=collection, connection=CONNECTION, use_jsonb=True)
