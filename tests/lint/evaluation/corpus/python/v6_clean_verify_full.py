import os
import ssl

import asyncpg
import psycopg
from sqlalchemy import create_engine

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
DSN = "postgresql://app@ep-quiet-sun-123456.us-east-2.aws.neon.tech/neondb?sslmode=verify-full&sslrootcert=system"

engine = create_engine(
    "postgresql+psycopg://app@ep-quiet-sun-123456.us-east-2.aws.neon.tech/neondb",
    connect_args={"sslmode": "verify-full", "sslrootcert": CA_BUNDLE},
)


def sync_conn():
    return psycopg.connect(DSN, password=os.environ["PGPASSWORD"])


async def async_conn():
    return await asyncpg.connect(DSN.split("?")[0], ssl=ssl.create_default_context(cafile=CA_BUNDLE))
