from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(
    "postgresql+psycopg_async://app:pw@app-db.example.com:5432/app?sslmode=require",
    pool_size=10,
)
