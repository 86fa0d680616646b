import os

import asyncpg


class Database:
    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], ssl=False, max_size=10)

    async def disconnect(self) -> None:
        if self.pool is not None:
            await self.pool.close()
