import psycopg

DATABASE = {
    "host": "pg.example.com",
    "dbname": "crm",
    "user": "crm",
    "sslmode": "allow",
}


def connect(**extra) -> psycopg.Connection:
    return psycopg.connect(**DATABASE, **extra)
