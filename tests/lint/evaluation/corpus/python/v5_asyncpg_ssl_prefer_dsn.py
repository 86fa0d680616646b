import asyncpg

from config import DSN


async def get_conn():
    return await asyncpg.connect(DSN, ssl="prefer")
