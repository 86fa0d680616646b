from aiopg.sa import create_engine


async def make_engine(password):
    return await create_engine(
        user="app",
        database="app",
        host="pg.example.com",
        password=password,
        sslmode="require",
    )
