import ssl
from typing import Optional

import asyncpg


class Database:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self.pool: Optional[asyncpg.Pool] = None

    def _ssl_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        return context

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(self.dsn, ssl=self._ssl_context(), min_size=1)

    async def disconnect(self) -> None:
        if self.pool is not None:
            await self.pool.close()
