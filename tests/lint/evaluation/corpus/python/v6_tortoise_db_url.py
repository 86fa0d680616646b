from tortoise import Tortoise, run_async

TORTOISE_ORM = {
    "connections": {"default": "postgres://tortoise:secret@tortoise-db.example.com:5432/events"},
    "apps": {"models": {"models": ["app.models", "aerich.models"], "default_connection": "default"}},
}


async def init() -> None:
    await Tortoise.init(config=TORTOISE_ORM)
    await Tortoise.generate_schemas()


if __name__ == "__main__":
    run_async(init())
