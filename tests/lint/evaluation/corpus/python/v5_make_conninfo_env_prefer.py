import os

import psycopg
from psycopg.conninfo import make_conninfo

conninfo = make_conninfo(
    host=os.environ["DB_HOST"],
    port=os.getenv("DB_PORT", "5432"),
    dbname=os.getenv("DB_NAME", "app"),
    user=os.getenv("DB_USER", "app"),
    sslmode=os.getenv("DB_SSLMODE", "prefer"),
)


def connect() -> psycopg.Connection:
    return psycopg.connect(conninfo, password=os.environ["DB_PASSWORD"])
