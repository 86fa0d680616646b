import os

from advanced_alchemy.config import EngineConfig
from litestar import Litestar
from litestar.plugins.sqlalchemy import SQLAlchemyAsyncConfig, SQLAlchemyPlugin

from .routes import routes

alchemy = SQLAlchemyAsyncConfig(
    connection_string=os.environ["DATABASE_URL"],
    engine_config=EngineConfig(
        pool_size=10,
        connect_args={"ssl": "require", "server_settings": {"application_name": "api"}},
    ),
)

app = Litestar(route_handlers=routes, plugins=[SQLAlchemyPlugin(config=alchemy)])
