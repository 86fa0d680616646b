import os

import psycopg2

ENV = os.getenv("APP_ENV", "dev")
SSLMODE = "verify-full" if ENV == "production" else "disable"


def connect(host: str):
    return psycopg2.connect(host=host, dbname="app", sslmode=SSLMODE)
