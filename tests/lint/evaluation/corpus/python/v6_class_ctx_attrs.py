import ssl

import asyncpg


class Repository:
    def __init__(self, dsn: str) -> None:
        self.dsn = dsn
        self._ssl = ssl.create_default_context()
        self._ssl.check_hostname = False
        self._ssl.verify_mode = ssl.CERT_NONE
        self.pool = None

    async def start(self) -> None:
        self.pool = await asyncpg.create_pool(self.dsn, ssl=self._ssl)
