import os

import psycopg


def connection_kwargs() -> dict:
    return {
        "host": os.environ["PGHOST"],
        "dbname": os.environ.get("PGDATABASE", "app"),
        "user": os.environ.get("PGUSER", "app"),
        "sslmode": "prefer",
    }


def connect() -> psycopg.Connection:
    return psycopg.connect(**connection_kwargs(), autocommit=True)
