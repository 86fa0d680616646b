import asyncio

import aiopg

dsn = "dbname=metrics user=collector password=collector host=10.20.30.40 port=5432"


async def go():
    async with aiopg.create_pool(dsn) as pool:
        async with pool.acquire() as conn:
            async with conn.cursor() as cur:
                await cur.execute("SELECT 1")
                return await cur.fetchone()


asyncio.run(go())
