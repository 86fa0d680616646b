import ssl
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from .config import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    ssl_ctx = ssl.create_default_context()
    app.state.pool = await asyncpg.create_pool(settings.database_url, ssl=ssl_ctx, min_size=1, max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/health")
async def health():
    async with app.state.pool.acquire() as conn:
        return {"db": await conn.fetchval("SELECT 1")}
