import os
import ssl

import asyncpg

USE_SSL = os.getenv("DB_USE_SSL", "1") == "1"


async def create_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, ssl=ssl.create_default_context() if USE_SSL else None)
