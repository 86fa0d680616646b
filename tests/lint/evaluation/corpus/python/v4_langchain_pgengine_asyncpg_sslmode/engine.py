from langchain_postgres import PGEngine, PGVectorStore

CONNECTION_STRING = (
    "postgresql+asyncpg://rag_owner:pw@ep-quiet-rain-a1b2c3.eu-central-1.aws.neon.tech/rag?sslmode=require"
)

pg_engine = PGEngine.from_connection_string(url=CONNECTION_STRING)


async def store(embeddings):
    return await PGVectorStore.create(engine=pg_engine, table_name="documents", embedding_service=embeddings)
