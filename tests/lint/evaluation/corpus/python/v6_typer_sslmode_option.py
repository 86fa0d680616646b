import asyncio

import asyncpg
import typer

app = typer.Typer()


@app.command()
def migrate(
    dsn: str = typer.Option(..., envvar="DATABASE_URL"),
    ssl: str = typer.Option("require", help="asyncpg ssl mode"),
):
    async def run():
        conn = await asyncpg.connect(dsn, ssl=ssl)
        await conn.execute("CREATE TABLE IF NOT EXISTS jobs (id serial primary key)")
        await conn.close()

    asyncio.run(run())
