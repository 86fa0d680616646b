import asyncpg

from app.settings import settings


async def connect():
    return await asyncpg.connect(**settings.db_kwargs)
