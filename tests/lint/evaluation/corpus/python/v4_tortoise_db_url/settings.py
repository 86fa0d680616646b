TORTOISE_ORM = {
    "connections": {"default": "postgres://tortoise:tortoise@pg.example.com:5432/tortoise"},
    "apps": {
        "models": {
            "models": ["app.models", "aerich.models"],
            "default_connection": "default",
        },
    },
    "use_tz": True,
}
