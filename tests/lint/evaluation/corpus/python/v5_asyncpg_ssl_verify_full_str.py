import asyncpg


async def connect(dsn: str) -> asyncpg.Connection:
    return await asyncpg.connect(dsn, ssl="verify-full", timeout=10)
