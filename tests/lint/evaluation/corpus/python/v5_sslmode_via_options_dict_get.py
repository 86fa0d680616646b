import psycopg2

DB = {
    "host": "stats-db.example.com",
    "dbname": "stats",
    "user": "stats",
    "sslmode": "disable",
}


def connect(overrides=None):
    options = {**DB, **(overrides or {})}
    return psycopg2.connect(**options)
