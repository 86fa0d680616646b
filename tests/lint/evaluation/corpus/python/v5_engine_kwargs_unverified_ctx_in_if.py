import ssl as _ssl

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from app.core.config import settings

_engine_kwargs: dict = {
    "echo": False,
    "pool_pre_ping": True,
    "pool_size": 10,
}

# Managed Postgres wants TLS; asyncpg takes an SSL context rather than sslmode
if "sslmode=require" in settings.async_database_url:
    _ctx = _ssl.create_default_context()
    _ctx.check_hostname = False
    _ctx.verify_mode = _ssl.CERT_NONE
    _engine_kwargs["connect_args"] = {"ssl": _ctx}

engine = create_async_engine(settings.async_database_url.split("?")[0], **_engine_kwargs)
SessionLocal = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
