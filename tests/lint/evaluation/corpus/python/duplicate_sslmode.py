import psycopg2

OK_DSN = "host=db.example.com dbname=app sslmode=require sslmode=verify-full"
BAD_URL = "postgresql://app@db.example.com/app?sslmode=verify-full&sslmode=disable"


def connect_ok():
    return psycopg2.connect(OK_DSN)


def connect_bad():
    return psycopg2.connect(BAD_URL)
