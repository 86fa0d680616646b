import psycopg

PRIMARY = "postgresql://app@primary.example.com/app?sslmode=verify-full&sslrootcert=system"
REPLICA = "postgresql://app@replica.example.com/app"


def writer():
    return psycopg.connect(PRIMARY)


def reader():
    return psycopg.connect(REPLICA)
