from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import create_async_engine

url = URL.create(
    "postgresql+asyncpg",
    username="queue",
    password="queue",
    host="queue-db.example.com",
    database="queue",
    query={"ssl": "verify-full"},
)
engine = create_async_engine(url)
