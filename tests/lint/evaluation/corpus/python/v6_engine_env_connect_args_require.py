import os

from sqlalchemy import create_engine

engine = create_engine(
    os.environ["DATABASE_URL"],
    pool_size=5,
    connect_args={"sslmode": "require"},
)
