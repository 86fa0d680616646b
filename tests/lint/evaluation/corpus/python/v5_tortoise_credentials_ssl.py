import os

TORTOISE_ORM = {
    "connections": {
        "default": {
            "engine": "tortoise.backends.asyncpg",
            "credentials": {
                "host": os.environ["DB_HOST"],
                "port": 5432,
                "user": os.environ["DB_USER"],
                "password": os.environ["DB_PASSWORD"],
                "database": "shop",
                "ssl": "require",
            },
        }
    },
    "apps": {"models": {"models": ["app.models", "aerich.models"], "default_connection": "default"}},
}
