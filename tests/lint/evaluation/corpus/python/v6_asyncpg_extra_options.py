import asyncpg

DSN = "postgres://svc:svc@events-db.example.com:5432/events?sslmode=require&TimeZone=UTC"


async def fetch_events(limit: int = 50):
    conn = await asyncpg.connect(DSN)
    try:
        return await conn.fetch("SELECT * FROM events ORDER BY created_at DESC LIMIT $1", limit)
    finally:
        await conn.close()
