from langchain_openai import OpenAIEmbeddings
from langchain_postgres import PGVector

CONNECTION = "postgresql+psycopg://langchain:langchain@pgvector.example.com:6024/langchain"
COLLECTION = "support_articles"

embeddings = OpenAIEmbeddings(model="text-embedding-3-small")

vector_store = PGVector(
    embeddings=embeddings,
    collection_name=COLLECTION,
    connection=CONNECTION,
    use_jsonb=True,
)


def search(question: str, k: int = 4):
    return vector_store.similarity_search(question, k=k)
