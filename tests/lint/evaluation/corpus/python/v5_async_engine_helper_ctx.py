import os
import ssl

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


def _ssl_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


engine = create_async_engine(
    os.environ["DATABASE_URL"],
    connect_args={"ssl": _ssl_context()},
    echo=False,
)
SessionLocal = async_sessionmaker(engine, class_=AsyncSession)
