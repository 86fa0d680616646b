import ssl

import asyncpg

ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_REQUIRED


async def connect(dsn):
    return await asyncpg.connect(dsn, ssl=ctx)
