import psycopg

DEFAULT_SSLMODE = "prefer"
DEFAULT_TIMEOUT = 10


def connect(dsn: str, **overrides) -> psycopg.Connection:
    return psycopg.connect(dsn, sslmode=DEFAULT_SSLMODE, connect_timeout=DEFAULT_TIMEOUT, **overrides)
