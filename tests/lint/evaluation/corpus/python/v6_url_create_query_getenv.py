import os

from sqlalchemy.engine import URL

url = URL.create(
    drivername="postgresql+psycopg2",
    username=os.environ["DB_USER"],
    password=os.environ["DB_PASSWORD"],
    host=os.environ["DB_HOST"],
    database=os.environ["DB_NAME"],
    query={"sslmode": os.environ.get("DB_SSLMODE", "prefer")},
)
