import os

from sqlalchemy import create_engine

DATABASE_URL = "postgresql+psycopg2://{user}:{password}@{host}:{port}/{db}?sslmode={mode}".format(
    user=os.environ["DB_USER"],
    password=os.environ["DB_PASSWORD"],
    host=os.environ["DB_HOST"],
    port=os.environ.get("DB_PORT", 5432),
    db=os.environ["DB_NAME"],
    mode="require",
)
engine = create_engine(DATABASE_URL)
