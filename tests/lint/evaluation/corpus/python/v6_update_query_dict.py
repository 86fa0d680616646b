from sqlalchemy import create_engine
from sqlalchemy.engine.url import make_url

from settings import DATABASE_URL


def get_engine():
    url = make_url(DATABASE_URL).update_query_dict({"sslmode": "prefer", "connect_timeout": "10"})
    return create_engine(url)
