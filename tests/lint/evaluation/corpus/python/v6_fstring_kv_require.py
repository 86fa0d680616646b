import os

import psycopg

host = os.environ["PGHOST"]
db = os.environ.get("PGDATABASE", "app")

with psycopg.connect(conninfo=f"host={host} dbname={db} sslmode=require") as conn:
    conn.execute("SELECT 1")
