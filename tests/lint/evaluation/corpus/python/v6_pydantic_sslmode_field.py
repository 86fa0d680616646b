import psycopg
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    dsn: str
    db_sslmode: str = "prefer"


settings = Settings()


def connect() -> psycopg.Connection:
    return psycopg.connect(settings.dsn, sslmode=settings.db_sslmode)
