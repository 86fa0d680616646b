import os

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

DB = PostgresEngine(
    config={
        "host": "piccolo-db.example.com",
        "port": 5432,
        "database": "piccolo",
        "user": "piccolo",
        "password": os.environ["PICCOLO_DB_PASSWORD"],
    }
)

APP_REGISTRY = AppRegistry(apps=["blog.piccolo_app", "piccolo_admin.piccolo_app"])
