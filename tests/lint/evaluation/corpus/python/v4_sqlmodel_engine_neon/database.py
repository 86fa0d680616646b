import os
from collections.abc import Generator

from sqlmodel import Session, SQLModel, create_engine

DATABASE_URL = os.getenv(
    "DATABASE_URL",
    "postgresql://neondb_owner:npg_Xq81@ep-misty-frog-a5b2c3.us-east-2.aws.neon.tech/neondb?sslmode=require",
)

engine = create_engine(DATABASE_URL, echo=False, pool_pre_ping=True, pool_recycle=300)


def create_db_and_tables() -> None:
    SQLModel.metadata.create_all(engine)


def get_session() -> Generator[Session, None, None]:
    with Session(engine) as session:
        yield session
