import os
import ssl

import asyncpg


def make_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.getenv("PG_CA_FILE"))
    if os.getenv("PG_INSECURE") == "1":
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


async def connect(dsn: str):
    return await asyncpg.connect(dsn, ssl=make_context())
