import psycopg

from .config import cfg


def open_connection() -> psycopg.Connection:
    conninfo = (
        f"host={cfg.host} port={cfg.port} dbname={cfg.database} "
        f"user={cfg.user} password={cfg.password} sslmode=require"
    )
    return psycopg.connect(conninfo, autocommit=True)
