import ssl

import asyncpg


async def connect(dsn: str, ca_file: str):
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=ca_file)
    return await asyncpg.connect(dsn, ssl=ctx)
