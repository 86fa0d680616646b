import os

import psycopg2


def connect():
    return psycopg2.connect(
        host=os.getenv("PGHOST", "db.staging.example.com"),
        dbname=os.getenv("PGDATABASE", "app"),
        user=os.getenv("PGUSER", "app"),
        password=os.getenv("PGPASSWORD"),
    )
