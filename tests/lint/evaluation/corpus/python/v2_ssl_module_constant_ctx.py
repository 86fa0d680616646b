import ssl

import asyncpg

SSL_CTX = ssl.create_default_context()
SSL_CTX.check_hostname = False


async def connect(dsn):
    return await asyncpg.connect(dsn, ssl=SSL_CTX)
