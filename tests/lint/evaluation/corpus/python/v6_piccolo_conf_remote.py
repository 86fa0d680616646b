from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

DB = PostgresEngine(
    config={
        "database": "blog",
        "user": "piccolo",
        "password": "piccolo",
        "host": "blog-db.example.org",
        "port": 5432,
    }
)

APP_REGISTRY = AppRegistry(apps=["blog.piccolo_app", "piccolo_admin.piccolo_app"])
