import os

from sqlalchemy import create_engine, make_url

url = make_url(os.environ["DATABASE_URL"]).update_query_dict({"sslmode": "require"})
engine = create_engine(url)
