from typing import Optional

import asyncpg


class Database:
    def __init__(self, dsn: str):
        self.dsn = dsn
        self.pool: Optional[asyncpg.Pool] = None

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(self.dsn, ssl="prefer", min_size=1, max_size=5)

    async def disconnect(self) -> None:
        if self.pool is not None:
            await self.pool.close()
