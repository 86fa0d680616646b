"""asyncpg, pg8000 and SQLAlchemy settings that do not verify the server."""

import ssl

import asyncpg
import pg8000
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine


async def fetch() -> None:
    context = ssl.create_default_context()
    context.check_hostname = False
    conn = await asyncpg.connect(host="db.example.com", ssl=context)  # expect: NEO104
    await conn.close()


engine = create_async_engine(
    "postgresql+asyncpg://app@db.example.com/app",
    connect_args={"ssl": "require"},  # expect: NEO103
)
sync_engine = create_engine("postgresql+psycopg://app@db.example.com/app?ssl=true")  # expect: NEO101
legacy = pg8000.connect("app", host="db.example.com", ssl_context=True)  # expect: NEO104
