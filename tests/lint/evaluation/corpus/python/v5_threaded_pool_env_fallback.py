import os
from contextlib import contextmanager

from psycopg2.pool import ThreadedConnectionPool

DATABASE_URL = os.getenv("DATABASE_URL", "postgres://app:app@db.internal.example.com:5432/app")

pool = ThreadedConnectionPool(1, 20, dsn=DATABASE_URL)


@contextmanager
def get_cursor():
    conn = pool.getconn()
    try:
        with conn.cursor() as cur:
            yield cur
        conn.commit()
    finally:
        pool.putconn(conn)
