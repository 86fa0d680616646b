import psycopg

DSN = "host=db.example.com hostaddr=10.20.0.5 port=5432 dbname=app user=app sslmode=require"


def connect() -> psycopg.Connection:
    return psycopg.connect(DSN, connect_timeout=3)
