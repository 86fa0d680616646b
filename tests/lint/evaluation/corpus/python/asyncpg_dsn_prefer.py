import asyncpg

DSN = "postgresql://app@db.example.com:5432/app?sslmode=prefer"


async def fetch_users():
    conn = await asyncpg.connect(DSN)
    try:
        return await conn.fetch("select * from users")
    finally:
        await conn.close()
