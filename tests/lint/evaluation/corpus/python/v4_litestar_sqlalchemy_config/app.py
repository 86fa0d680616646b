from litestar import Litestar, get
from litestar.contrib.sqlalchemy.plugins import SQLAlchemyAsyncConfig, SQLAlchemyPlugin

db_config = SQLAlchemyAsyncConfig(
    connection_string="postgresql+asyncpg://litestar:litestar@pg.example.org:5432/litestar",
    create_all=True,
)


@get("/")
async def index() -> dict[str, str]:
    return {"hello": "world"}


app = Litestar(route_handlers=[index], plugins=[SQLAlchemyPlugin(config=db_config)])
