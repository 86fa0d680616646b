from psycopg.rows import dict_row
from psycopg_pool import AsyncConnectionPool

from app.core.config import settings

pool = AsyncConnectionPool(
    conninfo=settings.database_url,
    min_size=1,
    max_size=5,
    kwargs={
        "sslmode": "require",
        "row_factory": dict_row,
    },
    open=False,
)


async def open_pool() -> None:
    if pool.closed:
        await pool.open()
