import asyncio
import os

import psycopg


async def drain_queue() -> None:
    async with await psycopg.AsyncConnection.connect(
        os.environ["DATABASE_URL"], sslmode="verify-full", sslrootcert="system", autocommit=True
    ) as aconn:
        async with aconn.cursor() as cur:
            await cur.execute("delete from jobs where finished_at < now() - interval '7 days'")


if __name__ == "__main__":
    asyncio.run(drain_queue())
