import aiopg


async def fetch_one(sql):
    conn = await aiopg.connect(database="shop", user="shop", password="shop", host="shop-db.example.com", sslmode="prefer")
    async with conn.cursor() as cur:
        await cur.execute(sql)
        return await cur.fetchone()
