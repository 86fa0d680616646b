import json
import os

import asyncpg


async def init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def startup(app) -> None:
    app["pool"] = await asyncpg.create_pool(os.environ["DATABASE_URL"], init=init_connection, ssl=True)
