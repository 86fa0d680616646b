import os

from sqlalchemy import create_engine

DATABASE_URL = os.environ.get("DATABASE_URL", "").replace("postgres://", "postgresql+psycopg2://", 1)

engine = create_engine(DATABASE_URL, pool_size=5, connect_args={"sslmode": "require"})
