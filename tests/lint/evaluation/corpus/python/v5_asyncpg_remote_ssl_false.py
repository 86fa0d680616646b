import os

import asyncpg


async def create_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(
        host="pg.example.net",
        port=5432,
        user="events",
        password=os.environ["EVENTS_DB_PASSWORD"],
        database="events",
        ssl=False,
        min_size=2,
    )
