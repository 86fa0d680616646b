from sqlalchemy import create_engine

from config import DB_HOST, DB_NAME, DB_PASSWORD, DB_USER

engine = create_engine(
    "postgresql://{}:{}@{}/{}?sslmode=require".format(DB_USER, DB_PASSWORD, DB_HOST, DB_NAME)
)
