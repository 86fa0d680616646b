from sqlalchemy.ext.asyncio import create_async_engine

from core.config import settings

CONNECT_ARGS = dict(ssl="prefer", server_settings={"jit": "off"})

engine = create_async_engine(str(settings.SQLALCHEMY_DATABASE_URI), connect_args=CONNECT_ARGS)
