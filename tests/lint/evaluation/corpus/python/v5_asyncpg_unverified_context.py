import os
import ssl

import asyncpg


async def connect():
    return await asyncpg.connect(os.environ["DATABASE_URL"], ssl=ssl._create_unverified_context())
