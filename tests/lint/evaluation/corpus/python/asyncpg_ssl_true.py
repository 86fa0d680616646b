import os

import asyncpg


async def init_pool():
    return await asyncpg.create_pool(os.environ["DATABASE_URL"], ssl=True, min_size=2)
