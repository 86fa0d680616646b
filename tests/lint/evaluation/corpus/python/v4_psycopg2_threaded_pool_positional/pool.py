from contextlib import contextmanager

from psycopg2.pool import ThreadedConnectionPool

_pool = ThreadedConnectionPool(2, 20, "host=reporting.example.com dbname=reports user=rpt connect_timeout=5")


@contextmanager
def connection():
    conn = _pool.getconn()
    try:
        yield conn
        conn.commit()
    finally:
        _pool.putconn(conn)
