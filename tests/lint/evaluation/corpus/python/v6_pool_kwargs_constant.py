from psycopg_pool import AsyncConnectionPool

from .settings import DSN

SSL_MODE = "require"

pool = AsyncConnectionPool(conninfo=DSN, kwargs={"sslmode": SSL_MODE}, open=False)
