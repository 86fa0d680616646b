import asyncpg

DSN = "postgres://app@db.example.com/app"


async def startup():
    return await asyncpg.create_pool(dsn=DSN, min_size=2, max_size=10)
