import aiopg


async def fetch_one():
    async with aiopg.connect(dsn="dbname=queue user=queue host=queue-db.example.com sslmode=prefer") as conn:
        async with conn.cursor() as cur:
            await cur.execute("SELECT 1")
            return await cur.fetchone()
