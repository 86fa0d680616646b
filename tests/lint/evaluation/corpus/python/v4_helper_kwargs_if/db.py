import psycopg2

from .settings import settings


def _connect_kwargs():
    kwargs = {
        "host": settings.db_host,
        "dbname": settings.db_name,
        "user": settings.db_user,
        "password": settings.db_password,
    }
    if settings.db_ssl:
        kwargs["sslmode"] = "require"
        kwargs["sslrootcert"] = settings.db_ca
    return kwargs


def get_connection():
    return psycopg2.connect(**_connect_kwargs())
