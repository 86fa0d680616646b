from sqlmodel import Session, create_engine

from app.core.settings import settings

engine = create_engine(
    str(settings.database_url),
    pool_size=settings.db_pool_size,
    connect_args={"sslmode": "require", "connect_timeout": 10},
)


def get_db():
    with Session(engine) as session:
        yield session
