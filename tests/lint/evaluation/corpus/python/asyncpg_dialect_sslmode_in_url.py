from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(
    "postgresql+asyncpg://neondb_owner:pw@ep-quiet-field-123456.eu-central-1.aws.neon.tech/neondb?sslmode=require",
    echo=False,
)
