import psycopg
from dynaconf import Dynaconf

settings = Dynaconf(envvar_prefix="APP", settings_files=["settings.toml", ".secrets.toml"])


def open_connection() -> psycopg.Connection:
    return psycopg.connect(
        settings.DATABASE_URL,
        sslmode=settings.get("DB_SSLMODE", "require"),
        application_name="worker",
    )
