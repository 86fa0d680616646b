TORTOISE_ORM = {
    "connections": {
        "default": {
            "engine": "tortoise.backends.asyncpg",
            "credentials": {
                "host": "orders-pg.example.com",
                "port": 5432,
                "user": "orders",
                "password": "orders",
                "database": "orders",
                "minsize": 1,
                "maxsize": 10,
            },
        }
    },
    "apps": {"orders": {"models": ["orders.models", "aerich.models"], "default_connection": "default"}},
}
