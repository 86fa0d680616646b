from sqlalchemy.ext.asyncio import create_async_engine

from modules import config

async_engine = create_async_engine(
    config.db_settings.DSN or "",
    echo=config.app_settings.DEBUG,
    connect_args={"ssl": "disable"},
)
