import os
import ssl

import asyncpg

RDS_CA = "/opt/app/certs/global-bundle.pem"


def rds_ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=RDS_CA)


async def connect():
    return await asyncpg.connect(
        host=os.environ["DB_HOST"],
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        database="app",
        ssl=rds_ssl_context(),
    )
