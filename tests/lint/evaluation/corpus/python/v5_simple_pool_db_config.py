import os

from psycopg2 import pool

DB_CONFIG = {
    "host": "ep-proud-river-a1b2c3d4.eu-central-1.aws.neon.tech",
    "database": "neondb",
    "user": "neondb_owner",
    "password": os.getenv("NEON_PASSWORD"),
    "port": 5432,
    "sslmode": "require",
}

connection_pool = pool.SimpleConnectionPool(minconn=1, maxconn=5, **DB_CONFIG)


def fetch_all(sql, params=()):
    conn = connection_pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        connection_pool.putconn(conn)
