import asyncpg

URL = "postgresql://app:pw@ep-cold-block-a1b2c3.us-east-2.aws.neon.tech/app"


async def pool():
    return await asyncpg.create_pool(URL, ssl=True, statement_cache_size=0)
