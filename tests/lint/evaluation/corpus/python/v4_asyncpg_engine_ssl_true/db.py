from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://svc:svc@svc-db.example.com:5432/svc?ssl=true")
