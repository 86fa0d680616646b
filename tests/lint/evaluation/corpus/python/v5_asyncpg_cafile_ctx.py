import os
import ssl

import asyncpg

CA_FILE = os.getenv("PG_CA_FILE", "/etc/ssl/certs/ca-certificates.crt")


async def connect() -> asyncpg.Connection:
    ctx = ssl.create_default_context(cafile=CA_FILE)
    return await asyncpg.connect(os.environ["DATABASE_URL"], ssl=ctx)
