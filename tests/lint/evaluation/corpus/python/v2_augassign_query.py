import os

import psycopg

conn_str = f"postgresql://{os.environ['DB_USER']}@{os.environ['DB_HOST']}/{os.environ['DB_NAME']}"
if os.environ.get("APP_ENV") == "production":
    conn_str += "?sslmode=require"
conn = psycopg.connect(conn_str)
