import os

from sqlalchemy.engine.url import URL


class DatabaseConfig:
    """Database settings, read from the environment."""

    POSTGRES_USER = os.environ["POSTGRES_USER"]
    POSTGRES_PASSWORD = os.environ["POSTGRES_PASSWORD"]
    POSTGRES_DB = os.environ["POSTGRES_DB"]
    DB_HOST_NAME = os.environ.get("DB_HOST_NAME", "db")
    DB_PORT = os.environ.get("DB_PORT", "5432")
    SSL_MODE = os.environ.get("DB_SSL_MODE", "disable")

    SQLALCHEMY_DATABASE_URI = URL.create(
        drivername="postgresql+psycopg2",
        username=POSTGRES_USER,
        password=POSTGRES_PASSWORD,
        host=DB_HOST_NAME,
        port=int(DB_PORT),
        database=POSTGRES_DB,
        query={"sslmode": SSL_MODE},
    )
