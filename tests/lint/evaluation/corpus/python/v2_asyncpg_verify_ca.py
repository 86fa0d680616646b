import asyncpg


async def pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, ssl="verify-ca", min_size=1)
