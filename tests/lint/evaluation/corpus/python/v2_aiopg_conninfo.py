import aiopg


async def connect():
    return await aiopg.connect(dsn="dbname=app user=app host=db.example.com sslmode=require")
