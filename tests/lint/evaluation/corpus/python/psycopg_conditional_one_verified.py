import os

import psycopg

PRODUCTION = os.environ.get("ENV") == "production"
SSLMODE = "verify-full" if PRODUCTION else "disable"


def connect() -> psycopg.Connection:
    return psycopg.connect(os.environ["DATABASE_URL"], sslmode=SSLMODE)
