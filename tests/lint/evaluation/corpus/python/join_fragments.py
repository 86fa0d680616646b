import os

import psycopg

parts = [
    f"host={os.environ['PGHOST']}",
    f"dbname={os.environ['PGDATABASE']}",
    "sslmode=require",
]
conn = psycopg.connect(" ".join(parts))
