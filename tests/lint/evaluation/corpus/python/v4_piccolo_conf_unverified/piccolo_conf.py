import os
import ssl

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

ssl_context = ssl.create_default_context()
ssl_context.check_hostname = False
ssl_context.verify_mode = ssl.CERT_NONE

DB = PostgresEngine(
    config={"dsn": os.environ["DATABASE_URL"], "ssl": ssl_context},
    extensions=("uuid-ossp",),
)

APP_REGISTRY = AppRegistry(apps=["shop.piccolo_app"])
