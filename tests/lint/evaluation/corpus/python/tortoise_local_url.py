TORTOISE_ORM = {
    "connections": {"default": "postgres://postgres:postgres@localhost:5432/tim"},
    "apps": {
        "user": {
            "models": ["db_tortoise.users_models", "aerich.models"],
            "default_connection": "default",
        },
    },
}
