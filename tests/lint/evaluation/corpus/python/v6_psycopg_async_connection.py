import psycopg

from .config import settings


async def get_conn() -> psycopg.AsyncConnection:
    return await psycopg.AsyncConnection.connect(settings.database_url, sslmode="require", autocommit=True)
