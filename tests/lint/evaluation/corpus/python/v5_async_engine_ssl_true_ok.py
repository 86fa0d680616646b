from sqlalchemy.ext.asyncio import create_async_engine

from .config import settings

engine = create_async_engine(settings.DATABASE_URL, connect_args={"ssl": True}, pool_size=20)
