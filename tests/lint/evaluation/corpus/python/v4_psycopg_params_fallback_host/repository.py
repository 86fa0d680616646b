import os
from datetime import date

import psycopg

DB_PARAMS = {
    "host": os.getenv("PGHOST", "analytics-db.example.com"),
    "port": int(os.getenv("PGPORT", "5432")),
    "dbname": os.getenv("PGDATABASE", "analytics"),
    "user": os.getenv("PGUSER", "reader"),
    "password": os.getenv("PGPASSWORD", ""),
}


def daily_signups(day: date) -> int:
    with psycopg.connect(**DB_PARAMS) as conn:
        row = conn.execute("select count(*) from signups where created_on = %s", (day,)).fetchone()
    return row[0] if row else 0
