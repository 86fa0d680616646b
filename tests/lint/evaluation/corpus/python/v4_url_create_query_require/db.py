import os

from sqlalchemy import URL, create_engine

url = URL.create(
    drivername="postgresql+psycopg2",
    username="app",
    password=os.environ["DB_PASSWORD"],
    host="pg.internal.example.com",
    port=5432,
    database="app",
    query={"sslmode": "require"},
)
engine = create_engine(url, pool_size=5)
