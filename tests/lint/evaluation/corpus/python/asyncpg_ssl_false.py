import asyncpg


async def connect(password: str):
    return await asyncpg.connect(
        user="app",
        password=password,
        host="db.example.com",
        database="app",
        ssl=False,
    )
