import asyncio
import os

import asyncpg

DSN = "postgres://bot:{password}@ep-bot-999.eu-central-1.aws.neon.tech/neondb?sslmode=require"


async def main():
    conn = await asyncpg.connect(DSN.format(password=os.environ["BOT_DB_PASSWORD"]))
    rows = await conn.fetch("SELECT id, text FROM reminders WHERE due < now()")
    for row in rows:
        print(row["id"], row["text"])
    await conn.close()


asyncio.run(main())
