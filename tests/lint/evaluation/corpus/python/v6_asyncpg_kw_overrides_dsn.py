import asyncpg

DATABASE_URL = "postgresql://bot:bot@bot-db.example.com/bot?sslmode=verify-full"


async def create_pool():
    return await asyncpg.create_pool(DATABASE_URL, ssl="require", command_timeout=60)
