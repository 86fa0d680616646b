import psycopg

from app.settings import settings


async def connect() -> psycopg.AsyncConnection:
    return await psycopg.AsyncConnection.connect(
        settings.database_url,
        sslmode="verify-full",
        sslrootcert=settings.ca_bundle,
        autocommit=True,
    )
