import os

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

url = make_url(os.environ["DATABASE_URL"]).set(
    drivername="postgresql+psycopg",
    query={"sslmode": "verify-full", "sslrootcert": "system"},
)
engine = create_engine(url)
