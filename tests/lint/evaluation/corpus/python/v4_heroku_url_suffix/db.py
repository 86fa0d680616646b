import os

from sqlalchemy import create_engine

url = os.environ.get("DATABASE_URL", "")
if url.startswith("postgres://"):
    url = url.replace("postgres://", "postgresql://", 1)

engine = create_engine(url + "?sslmode=require", pool_size=3)
