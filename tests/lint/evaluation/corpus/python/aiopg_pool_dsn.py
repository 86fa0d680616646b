import aiopg

dsn = "dbname=app user=app password=app host=pg.example.com"


async def go():
    async with aiopg.create_pool(dsn) as pool:
        async with pool.acquire() as conn:
            async with conn.cursor() as cur:
                await cur.execute("SELECT 1")
