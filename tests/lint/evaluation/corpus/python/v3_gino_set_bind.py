from gino import Gino

db = Gino()


async def init():
    await db.set_bind("postgresql://app@db.example.com/app")
