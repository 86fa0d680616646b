import psycopg

DSN = "postgresql://app@pg.example.com/app?sslmode=verify-full&sslrootcert=system"


def connect_for_batch():
    return psycopg.connect(DSN, sslmode="require", prepare_threshold=None)
