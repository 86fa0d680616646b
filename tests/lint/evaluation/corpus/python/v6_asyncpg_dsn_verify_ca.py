import asyncpg

DSN = "postgresql://worker:worker@jobs-db.example.com:5432/jobs?sslmode=verify-ca"


async def next_job():
    conn = await asyncpg.connect(dsn=DSN)
    try:
        return await conn.fetchrow("SELECT * FROM jobs WHERE taken IS NULL LIMIT 1 FOR UPDATE SKIP LOCKED")
    finally:
        await conn.close()
