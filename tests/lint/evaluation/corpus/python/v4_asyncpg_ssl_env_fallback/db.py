import os

import asyncpg


async def open_connection() -> asyncpg.Connection:
    return await asyncpg.connect(
        os.environ["DATABASE_URL"],
        ssl=os.getenv("DB_SSL", "prefer"),
        timeout=10,
    )
