import ssl
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from .config import settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    app.state.pool = await asyncpg.create_pool(dsn=settings.database_url, ssl=ctx)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)
