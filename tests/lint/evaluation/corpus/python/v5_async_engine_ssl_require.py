from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from app.core.config import settings

engine = create_async_engine(
    settings.DATABASE_URL,
    pool_size=10,
    max_overflow=5,
    connect_args={"ssl": "require", "server_settings": {"application_name": "api"}},
)
async_session = async_sessionmaker(engine, expire_on_commit=False)
