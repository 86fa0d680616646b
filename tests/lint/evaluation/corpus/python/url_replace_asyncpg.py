import os

from sqlalchemy.ext.asyncio import create_async_engine

raw = os.environ["DATABASE_URL"]
url = raw.replace("postgresql://", "postgresql+asyncpg://").split("?")[0]

engine = create_async_engine(url, connect_args={"ssl": "require"}, pool_pre_ping=True)
