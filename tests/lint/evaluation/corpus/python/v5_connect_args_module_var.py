import os

from sqlalchemy import create_engine

connect_args = {"sslmode": "require", "connect_timeout": 10}

engine = create_engine(os.environ["DATABASE_URL"], connect_args=connect_args, pool_pre_ping=True)
