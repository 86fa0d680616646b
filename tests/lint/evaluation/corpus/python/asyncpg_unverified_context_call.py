import ssl

import asyncpg


async def connect(dsn):
    return await asyncpg.connect(dsn, ssl=ssl._create_unverified_context())
