import ssl

import asyncpg

context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
context.load_verify_locations("/etc/ssl/certs/ca-certificates.crt")


async def connect(dsn: str):
    return await asyncpg.connect(dsn, ssl=context)
