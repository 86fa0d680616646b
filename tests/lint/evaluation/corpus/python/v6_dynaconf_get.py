import psycopg
from dynaconf import Dynaconf

settings = Dynaconf(envvar_prefix="APP", settings_files=["settings.toml", ".secrets.toml"])


def connect():
    return psycopg.connect(
        host=settings.DB_HOST,
        dbname=settings.DB_NAME,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
        sslmode=settings.get("DB_SSLMODE", "allow"),
    )
