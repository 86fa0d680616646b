import ssl

import certifi
from sqlalchemy.ext.asyncio import create_async_engine

from .config import settings

ssl_ctx = ssl.create_default_context(cafile=certifi.where())

engine = create_async_engine(
    settings.database_url,
    connect_args={"ssl": ssl_ctx},
    pool_pre_ping=True,
)
