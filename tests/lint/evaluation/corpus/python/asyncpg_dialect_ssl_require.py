from sqlalchemy.ext.asyncio import create_async_engine

DATABASE_URL = "postgresql+asyncpg://app:app@db.example.com:5432/app?ssl=require"

engine = create_async_engine(DATABASE_URL, pool_size=20)
