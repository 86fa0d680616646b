import asyncpg
from quart import Quart, jsonify

app = Quart(__name__)
app.config.from_mapping(DATABASE_URL="postgresql://quart:quart@localhost:5432/quart")
app.config.from_prefixed_env()


@app.before_serving
async def create_db_pool():
    app.db_pool = await asyncpg.create_pool(
        dsn=app.config["DATABASE_URL"],
        min_size=1,
        max_size=10,
        ssl="require",
    )


@app.after_serving
async def close_db_pool():
    await app.db_pool.close()


@app.get("/todos")
async def todos():
    async with app.db_pool.acquire() as connection:
        rows = await connection.fetch("select id, title from todos order by id")
    return jsonify([dict(row) for row in rows])
