import asyncio
import os

import asyncpg


async def main():
    conn = await asyncpg.connect(os.environ["DATABASE_URL"], ssl="require")
    print(await conn.fetchval("select version()"))
    await conn.close()


asyncio.run(main())
