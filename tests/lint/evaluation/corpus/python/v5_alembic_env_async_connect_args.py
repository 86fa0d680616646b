import asyncio
import os

from alembic import context
from sqlalchemy.ext.asyncio import create_async_engine

config = context.config


async def run_async_migrations() -> None:
    connectable = create_async_engine(
        os.environ["DATABASE_URL"],
        connect_args={"ssl": False},
    )
    async with connectable.connect() as connection:
        await connection.run_sync(lambda conn: context.configure(connection=conn))
        await connection.run_sync(lambda conn: context.run_migrations())
    await connectable.dispose()


asyncio.run(run_async_migrations())
