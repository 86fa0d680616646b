from contextlib import asynccontextmanager

from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from .settings import settings

pool = AsyncConnectionPool(
    conninfo=settings.DATABASE_URL,
    min_size=1,
    max_size=10,
    open=False,
    kwargs={"autocommit": True, "row_factory": dict_row, "prepare_threshold": None, "sslmode": "require"},
)


@asynccontextmanager
async def lifespan(app):
    await pool.open()
    yield
    await pool.close()
