import os

import asyncpg

DB = dict(
    host="ep-old-wave-3344.us-east-2.aws.neon.tech",
    database="neondb",
    user="neondb_owner",
    password=os.environ["NEON_PASSWORD"],
    ssl="require",
)


async def fetch_users():
    conn = await asyncpg.connect(**DB)
    try:
        return await conn.fetch("SELECT * FROM users")
    finally:
        await conn.close()
