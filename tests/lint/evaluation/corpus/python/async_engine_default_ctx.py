import ssl

import certifi
from sqlalchemy.ext.asyncio import create_async_engine

from app.settings import settings

ssl_context = ssl.create_default_context(cafile=certifi.where())

engine = create_async_engine(
    settings.async_database_url,
    connect_args={"ssl": ssl_context},
    pool_recycle=300,
)
