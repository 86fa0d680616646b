import os

import psycopg2

DB_CONFIG = {
    "host": "warehouse.example.com",
    "port": 5432,
    "dbname": "dw",
    "user": "etl",
    "password": os.environ["DW_PASSWORD"],
    "sslmode": "prefer",
}


def warehouse():
    return psycopg2.connect(**DB_CONFIG)
