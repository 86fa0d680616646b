from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from .config import settings

engine = create_engine(
    settings.database_url,
    pool_pre_ping=True,
    connect_args={"sslmode": "require", "connect_timeout": 10},
)


def session() -> Session:
    return Session(engine)
