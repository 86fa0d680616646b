import os

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

url = make_url(os.environ["DATABASE_URL"]).set(query={"sslmode": "require", "application_name": "ingest"})
engine = create_engine(url, pool_pre_ping=True)
