import psycopg2

BASE = {"host": "replica.example.com", "dbname": "app", "user": "reader"}


def replica():
    return psycopg2.connect(**{**BASE, "sslmode": "allow"})
