import os
from urllib.parse import quote_plus

import psycopg2


def _build_dsn(host: str, port: str, dbname: str, user: str, password: str, sslmode: str) -> str:
    return f"postgresql://{quote_plus(user)}:{quote_plus(password)}@{host}:{port}/{dbname}?sslmode={sslmode}"


def get_connection():
    dsn = _build_dsn(
        host=os.environ["SUPABASE_DB_HOST"],
        port=os.getenv("SUPABASE_DB_PORT", "5432"),
        dbname=os.environ["SUPABASE_DB_NAME"],
        user=os.environ["SUPABASE_DB_USER"],
        password=os.environ["SUPABASE_DB_PASSWORD"],
        sslmode=os.getenv("SUPABASE_DB_SSLMODE", "require"),
    )
    return psycopg2.connect(dsn)
