import psycopg


def connect(conninfo: str = "", **kwargs) -> psycopg.Connection:
    kwargs.setdefault("sslmode", "prefer")
    kwargs.setdefault("connect_timeout", 10)
    return psycopg.connect(conninfo, **kwargs)
