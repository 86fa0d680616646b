from psycopg_pool import ConnectionPool

from app.config import settings

pool = ConnectionPool(
    conninfo=settings.dsn,
    min_size=2,
    max_size=10,
    kwargs={"autocommit": True, "sslmode": "prefer"},
    open=False,
)


def get_conn():
    return pool.connection()
