import os

import psycopg2

DB_PARAMS = {
    "host": "etl-warehouse.example.com",
    "port": 5432,
    "dbname": "etl",
    "user": "etl",
    "password": os.environ["ETL_PASSWORD"],
}


def load(rows):
    conn = psycopg2.connect(**DB_PARAMS)
    with conn, conn.cursor() as cur:
        cur.executemany("INSERT INTO facts (k, v) VALUES (%s, %s)", rows)
