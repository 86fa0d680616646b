import ssl

import asyncpg

from .config import settings

LOCAL_HOSTS = ("localhost", "127.0.0.1")

ctx = ssl.create_default_context()


async def create_pool():
    return await asyncpg.create_pool(
        host=settings.DB_HOST,
        port=settings.DB_PORT,
        user=settings.DB_USER,
        password=settings.DB_PASSWORD,
        database=settings.DB_NAME,
        ssl=False if settings.DB_HOST in LOCAL_HOSTS else ctx,
    )
