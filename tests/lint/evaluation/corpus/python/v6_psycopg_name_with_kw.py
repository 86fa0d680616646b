import psycopg

DSN = "host=ledger.example.com port=5432 dbname=ledger user=ledger"


def connect(password: str) -> psycopg.Connection:
    return psycopg.connect(DSN, password=password, sslmode="verify-full", sslrootcert="system")
