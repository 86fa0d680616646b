import asyncio

import psycopg


async def main():
    async with await psycopg.AsyncConnection.connect(
        host="events-db.example.com", dbname="events", user="events", autocommit=True
    ) as aconn:
        async with aconn.cursor() as cur:
            await cur.execute("SELECT count(*) FROM events")
            print(await cur.fetchone())


asyncio.run(main())
