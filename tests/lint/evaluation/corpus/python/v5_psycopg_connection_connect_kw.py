import os

from psycopg import Connection


def open_conn() -> Connection:
    return Connection.connect(os.environ["DATABASE_URL"], sslmode="prefer", autocommit=True)
