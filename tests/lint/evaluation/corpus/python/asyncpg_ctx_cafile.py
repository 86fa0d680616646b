import ssl

import asyncpg

RDS_BUNDLE = "/etc/ssl/certs/rds-global-bundle.pem"


async def connect(dsn: str) -> asyncpg.Connection:
    context = ssl.create_default_context(cafile=RDS_BUNDLE)
    return await asyncpg.connect(dsn, ssl=context, timeout=10)
