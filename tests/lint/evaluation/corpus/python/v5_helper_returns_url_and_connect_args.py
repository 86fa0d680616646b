import ssl
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

_DROP = {"sslmode", "channel_binding"}


def _async_url_and_connect_args() -> tuple[str, dict]:
    parts = urlsplit(settings.database_url.replace("postgresql://", "postgresql+asyncpg://", 1))
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in _DROP]
    url = urlunsplit(parts._replace(query=urlencode(query)))
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return url, {"ssl": ctx}


url, connect_args = _async_url_and_connect_args()
engine = create_async_engine(url, connect_args=connect_args, pool_pre_ping=True)
