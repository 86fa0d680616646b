import os
import ssl

import asyncpg


def build_ssl_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.environ.get("PG_CA_FILE"))
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


async def init_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=os.environ["DATABASE_URL"],
        min_size=1,
        max_size=5,
        ssl=build_ssl_context(),
    )
