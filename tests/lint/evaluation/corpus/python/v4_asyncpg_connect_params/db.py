import asyncio
import os

import asyncpg

params = dict(
    user="api",
    password=os.environ["DB_PASSWORD"],
    database="api",
    host="api-db.prod.example.com",
    port=5432,
)


async def main():
    conn = await asyncpg.connect(**params)
    try:
        print(await conn.fetchval("select count(*) from accounts"))
    finally:
        await conn.close()


asyncio.run(main())
