import ssl

import asyncpg


async def connect(dsn: str):
    context = ssl.SSLContext()
    context.load_cert_chain("client.crt", "client.key")
    return await asyncpg.connect(dsn, ssl=context)
