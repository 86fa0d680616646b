from piccolo_conf import *  # noqa: F401,F403

from piccolo.engine.postgres import PostgresEngine

DB = PostgresEngine(
    config={
        "host": "localhost",
        "port": 5432,
        "database": "piccolo_test",
        "user": "postgres",
        "password": "postgres",
        "ssl": False,
    }
)
