import asyncpg


async def connect():
    return await asyncpg.connect("postgresql://bot@bot-db.example.com/bot")
