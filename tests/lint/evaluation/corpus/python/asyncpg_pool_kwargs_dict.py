import os

import asyncpg

POOL_KWARGS = {
    "dsn": os.environ["DATABASE_URL"],
    "min_size": 1,
    "max_size": 20,
    "command_timeout": 60,
    "ssl": "require",
}


async def init_pool():
    return await asyncpg.create_pool(**POOL_KWARGS)
