from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine("postgresql+asyncpg://svc:pw@orders-db.example.com:5432/orders?ssl=disable")
