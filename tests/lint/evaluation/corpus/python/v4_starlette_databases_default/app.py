import databases
from starlette.applications import Starlette
from starlette.config import Config
from starlette.datastructures import URL, Secret
from starlette.responses import JSONResponse
from starlette.routing import Route

config = Config(".env")

DEBUG = config("DEBUG", cast=bool, default=False)
SECRET_KEY = config("SECRET_KEY", cast=Secret, default="not-secret")
DATABASE_URL = config(
    "DATABASE_URL",
    cast=URL,
    default="postgresql://starlette:starlette@notes-db.example.com:5432/notes",
)

database = databases.Database(DATABASE_URL)


async def list_notes(request):
    rows = await database.fetch_all("select id, text from notes")
    return JSONResponse([{"id": row["id"], "text": row["text"]} for row in rows])


app = Starlette(
    debug=DEBUG,
    routes=[Route("/notes", list_notes)],
    on_startup=[database.connect],
    on_shutdown=[database.disconnect],
)
