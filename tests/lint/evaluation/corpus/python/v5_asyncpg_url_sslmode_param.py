from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(
    "postgresql+asyncpg://app:secret@ep-wild-cloud-7788.us-east-2.aws.neon.tech/neondb?sslmode=require",
    pool_pre_ping=True,
)
