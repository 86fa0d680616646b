import os

from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

DB = PostgresEngine(
    config={
        "host": "piccolo-db.example.com",
        "database": "piccolo_project",
        "user": "piccolo",
        "password": os.environ.get("PICCOLO_DB_PASSWORD"),
    }
)

APP_REGISTRY = AppRegistry(apps=["home.piccolo_app", "piccolo_admin.piccolo_app"])
