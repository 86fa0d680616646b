import os

from psycopg.conninfo import make_conninfo
from psycopg_pool import AsyncConnectionPool

PG_HOST = "pg.analytics.example.net"

conninfo = make_conninfo(
    "",
    host=PG_HOST,
    dbname=os.getenv("PG_DB", "analytics"),
    user=os.getenv("PG_USER", "analytics"),
    password=os.getenv("PG_PASSWORD"),
    sslmode="require",
)

pool = AsyncConnectionPool(conninfo, open=False, max_size=8)


async def lifespan(app):
    await pool.open()
    yield
    await pool.close()
