import os

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url


def engine_from_env():
    url = make_url(os.environ["DATABASE_URL"])
    url = url.set(drivername="postgresql+psycopg2", query={"sslmode": "require"})
    return create_engine(url, pool_recycle=1800)
