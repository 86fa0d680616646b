import os

from sqlalchemy import create_engine

engine = create_engine(os.environ["DATABASE_URL"] + "?sslmode=require", pool_recycle=1800)
