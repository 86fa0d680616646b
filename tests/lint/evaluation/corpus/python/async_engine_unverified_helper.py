import ssl
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.ext.asyncio import create_async_engine

from src.config import settings


def _ssl_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _asyncpg_url(url: str) -> str:
    """asyncpg does not understand sslmode/channel_binding in the query: drop them."""
    parts = urlsplit(url.replace("postgresql://", "postgresql+asyncpg://", 1))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in ("sslmode", "channel_binding")]
    return urlunsplit(parts._replace(query=urlencode(query)))


engine = create_async_engine(
    _asyncpg_url(settings.database_url),
    pool_pre_ping=True,
    connect_args={"ssl": _ssl_context()},
)
