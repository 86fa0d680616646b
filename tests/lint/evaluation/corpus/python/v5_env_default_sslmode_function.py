import os

import psycopg


def get_connection() -> psycopg.Connection:
    """Connect with PG_* variables; PG_SSLMODE picks the TLS mode (default: prefer)."""
    return psycopg.connect(
        host=os.environ["PG_HOST"],
        port=os.environ.get("PG_PORT", "5432"),
        dbname=os.environ["PG_DATABASE"],
        user=os.environ["PG_USER"],
        password=os.environ["PG_PASSWORD"],
        sslmode=os.environ.get("PG_SSLMODE", "prefer"),
    )
