from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+psycopg://app:pw@db.example.com/app?sslmode=require", pool_size=5)
