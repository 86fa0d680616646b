import psycopg2

LEGACY_DSN = "host=legacy-db.example.com dbname=app user=app requiressl=1"


def legacy():
    return psycopg2.connect(LEGACY_DSN)
