import ssl

from sqlalchemy.ext.asyncio import create_async_engine

from .settings import settings

ssl_context = ssl.create_default_context(cafile="/etc/ssl/certs/ca-certificates.crt")

engine = create_async_engine(
    settings.DATABASE_URL,
    connect_args={"ssl": ssl_context},
    pool_pre_ping=True,
)
