from psycopg import Connection


def connect(host: str) -> Connection:
    return Connection.connect(host=host, dbname="app", sslmode="allow")
