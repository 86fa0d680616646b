import ssl

from sqlalchemy.ext.asyncio import create_async_engine

from app.config import DATABASE_URL

ssl_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)

engine = create_async_engine(DATABASE_URL, connect_args={"ssl": ssl_context})
