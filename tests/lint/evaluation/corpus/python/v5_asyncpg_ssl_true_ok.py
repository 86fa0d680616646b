import asyncpg

DSN = "postgresql://bot@bot-db.example.com/bot"


async def connect():
    return await asyncpg.connect(DSN, ssl=True)
