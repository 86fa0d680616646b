import os
from urllib.parse import urlparse

import asyncpg


def normalized_dsn() -> str:
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgresql+asyncpg://"):
        url = url.replace("postgresql+asyncpg://", "postgresql://", 1)
    if urlparse(url).query.find("sslmode=require") >= 0:
        url = url.replace("sslmode=require", "sslmode=verify-full")
    return url


async def connect():
    return await asyncpg.connect(normalized_dsn())
