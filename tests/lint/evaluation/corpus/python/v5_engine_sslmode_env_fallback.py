import os

from sqlalchemy import create_engine

engine = create_engine(
    os.environ["DATABASE_URL"],
    connect_args={"sslmode": os.getenv("PGSSLMODE", "require")},
)
