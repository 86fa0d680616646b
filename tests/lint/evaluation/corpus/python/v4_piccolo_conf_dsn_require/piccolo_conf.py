from piccolo.conf.apps import AppRegistry
from piccolo.engine.postgres import PostgresEngine

DB = PostgresEngine(config={"dsn": "postgresql://piccolo:piccolo@db.example.com:5432/piccolo?sslmode=require"})

APP_REGISTRY = AppRegistry(apps=["home.piccolo_app"])
