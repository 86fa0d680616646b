from psycopg import Connection
from psycopg.rows import namedtuple_row

DSN = "host=ledger-primary.example.com port=5432 dbname=ledger user=ledger sslmode=verify-ca sslrootcert=/etc/ledger/ca.pem"


def open_ledger() -> Connection:
    return Connection.connect(DSN, row_factory=namedtuple_row)
