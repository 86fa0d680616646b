from fastapi import FastAPI
from tortoise.contrib.fastapi import register_tortoise

app = FastAPI(title="Tortoise ORM FastAPI example")

register_tortoise(
    app,
    db_url="postgres://tortoise:tortoise@tortoise-db.example.com:5432/events",
    modules={"models": ["models"]},
    generate_schemas=True,
    add_exception_handlers=True,
)
