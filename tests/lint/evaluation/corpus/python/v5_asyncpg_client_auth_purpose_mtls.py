import ssl

import asyncpg

ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
ssl_context.load_verify_locations(cafile="certs/rootCA.crt")
ssl_context.load_cert_chain(certfile="certs/client.crt", keyfile="certs/client.key")


async def connect():
    return await asyncpg.connect(
        user="postgres",
        password="postgres",
        database="app",
        host="pg.internal.example.com",
        ssl=ssl_context,
    )
