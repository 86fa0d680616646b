import asyncpg

POOL_CONFIG = {
    "host": "ticks.example.com",
    "port": 5432,
    "user": "ticks",
    "database": "ticks",
    "ssl": "prefer",
    "min_size": 2,
    "max_size": 20,
}


async def make_pool():
    return await asyncpg.create_pool(**POOL_CONFIG)
