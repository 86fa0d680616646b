import ssl

import asyncpg

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)
ctx.load_cert_chain("client.crt", "client.key")


async def connect(dsn: str) -> asyncpg.Connection:
    return await asyncpg.connect(dsn, ssl=ctx)
