import ssl

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.config import settings

connect_args = {}
if "neon.tech" in settings.database_url or "amazonaws.com" in settings.database_url:
    import certifi

    connect_args["ssl"] = ssl.create_default_context(cafile=certifi.where())

engine = create_async_engine(settings.database_url, connect_args=connect_args)
async_session = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
