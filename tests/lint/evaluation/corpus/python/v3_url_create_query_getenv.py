import os

from sqlalchemy import URL, create_engine

url = URL.create(
    "postgresql+psycopg2",
    host=os.environ["DB_HOST"],
    database="app",
    query={"sslmode": os.getenv("DB_SSLMODE", "require")},
)
engine = create_engine(url)
