import os

import psycopg2
from psycopg2.extras import RealDictCursor

DATABASE_URL_PASSWORD = os.getenv("DATABASE_URL_PASSWORD")

DB_CONFIG = {
    "host": "ep-quiet-sun-a5b6c7d8.us-east-2.aws.neon.tech",
    "database": "neondb",
    "user": "neondb_owner",
    "password": DATABASE_URL_PASSWORD,
    "port": "5432",
    "sslmode": "require",
}


def get_db():
    return psycopg2.connect(**DB_CONFIG, cursor_factory=RealDictCursor)
