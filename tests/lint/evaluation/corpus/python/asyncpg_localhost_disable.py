import asyncpg


async def connect():
    return await asyncpg.connect(host="localhost", port=5432, user="postgres", database="test", ssl="disable")
