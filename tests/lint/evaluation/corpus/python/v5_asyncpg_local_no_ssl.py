import asyncio

import asyncpg


async def main():
    conn = await asyncpg.connect(host="localhost", port=5432, user="postgres", database="postgres", ssl=False)
    try:
        print(await conn.fetchval("SELECT version()"))
    finally:
        await conn.close()


if __name__ == "__main__":
    asyncio.run(main())
