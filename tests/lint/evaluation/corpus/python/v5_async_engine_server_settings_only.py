from sqlalchemy.ext.asyncio import create_async_engine

engine = create_async_engine(
    "postgresql+asyncpg://api:api@api-db.example.com/api",
    connect_args={"server_settings": {"application_name": "api"}},
)
