import os

import psycopg2

DEBUG = os.getenv("DEBUG", "0") == "1"
SSLMODE = "disable" if DEBUG else "require"


def connect():
    return psycopg2.connect(
        host=os.environ["PGHOST"],
        dbname=os.environ["PGDATABASE"],
        user=os.environ["PGUSER"],
        sslmode=SSLMODE,
    )
