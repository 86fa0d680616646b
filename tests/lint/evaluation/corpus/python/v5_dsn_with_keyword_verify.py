import os

import psycopg

DSN = "host=pg.example.com dbname=app user=app"


def connect() -> psycopg.Connection:
    return psycopg.connect(DSN, sslmode="verify-full", sslrootcert="system", password=os.environ["APP_DB_PASSWORD"])
