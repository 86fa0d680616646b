import os

from psycopg2.pool import SimpleConnectionPool

_pool = None


def get_pool() -> SimpleConnectionPool:
    global _pool
    if _pool is None:
        _pool = SimpleConnectionPool(
            1,
            10,
            host=os.getenv("POSTGRES_HOST", "aws-0-eu-west-1.pooler.supabase.com"),
            port=int(os.getenv("POSTGRES_PORT", "6543")),
            user=os.getenv("POSTGRES_USER"),
            password=os.getenv("POSTGRES_PASSWORD"),
            dbname=os.getenv("POSTGRES_DB", "postgres"),
            sslmode=os.getenv("POSTGRES_SSLMODE", "require"),
        )
    return _pool
