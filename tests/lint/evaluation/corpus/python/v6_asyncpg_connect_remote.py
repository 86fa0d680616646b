import asyncio

import asyncpg


async def main():
    conn = await asyncpg.connect(user="stats", password="stats", database="stats", host="stats.example.com")
    print(await conn.fetchval("SELECT count(*) FROM visits"))
    await conn.close()


asyncio.run(main())
