import os

from psycopg2 import pool

DB_HOST = os.environ.get("DB_HOST")
DB_NAME = os.environ.get("DB_NAME", "crm")
DB_USER = os.environ.get("DB_USER", "crm")
DB_PASSWORD = os.environ.get("DB_PASSWORD")
DB_SSLMODE = os.environ.get("DB_SSLMODE", "allow")

connection_pool = pool.SimpleConnectionPool(
    minconn=1,
    maxconn=5,
    host=DB_HOST,
    dbname=DB_NAME,
    user=DB_USER,
    password=DB_PASSWORD,
    sslmode=DB_SSLMODE,
)
