import os

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url


def build_engine():
    url = make_url(os.environ["DATABASE_URL"])
    url = url.update_query_dict({"sslmode": "require"})
    return create_engine(url, pool_pre_ping=True, pool_size=5)
