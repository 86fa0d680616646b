import os

import psycopg2

DB_CONFIG = {
    "host": "ep-still-field-11223344.us-west-2.aws.neon.tech",
    "database": "neondb",
    "user": "neondb_owner",
    "password": os.getenv("PGPASSWORD"),
    "port": 5432,
}


def get_connection():
    return psycopg2.connect(**DB_CONFIG)


def init_schema():
    with get_connection() as conn, conn.cursor() as cur:
        cur.execute("CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text NOT NULL)")
