import asyncpg

DSN = "postgresql://bot:bot@bot-db.example.com:5432/bot?sslmode=require"


async def setup(bot):
    bot.db = await asyncpg.create_pool(DSN, command_timeout=30)
