from aiopg.sa import create_engine


async def make_engine():
    return await create_engine(
        user="aiopg",
        database="aiopg",
        host="aiopg-db.example.com",
        password="aiopg",
    )
