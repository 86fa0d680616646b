import aiopg

DSN = "dbname=aiopg user=aiopg password=aiopg host=aiopg-db.example.com"


async def fetch_one():
    async with aiopg.create_pool(DSN) as pool:
        async with pool.acquire() as conn:
            async with conn.cursor() as cur:
                await cur.execute("SELECT 1")
                return await cur.fetchone()
