import os

import psycopg

ENVIRONMENT = os.environ.get("ENVIRONMENT", "development")
PROD_DSN = os.environ.get("PROD_DSN")

DSN = PROD_DSN if ENVIRONMENT == "production" else "postgresql://dev:dev@localhost:5432/dev"


def connect() -> psycopg.Connection:
    return psycopg.connect(DSN)
