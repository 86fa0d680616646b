import os

import psycopg

conn_kwargs = dict(
    host=os.environ["PGHOST"],
    dbname="catalog",
    user="catalog",
    sslmode="allow",
)


def connect() -> psycopg.Connection:
    return psycopg.connect(**conn_kwargs)
