import os

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

url = make_url(os.environ["DATABASE_URL"]).set(drivername="postgresql+psycopg2")
url = url.update_query_dict({"sslmode": "require"})
engine = create_engine(url, future=True)
