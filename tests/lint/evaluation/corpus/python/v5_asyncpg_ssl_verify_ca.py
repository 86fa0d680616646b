import os

import asyncpg


async def connect():
    return await asyncpg.connect(os.environ["DATABASE_URL"], ssl="verify-ca")
