import os

from sqlalchemy import URL, create_engine

url = URL.create(
    "postgresql+psycopg2",
    username=os.environ["WAREHOUSE_USER"],
    password=os.environ["WAREHOUSE_PASSWORD"],
    host="warehouse.corp.example.com",
    port=5432,
    database="warehouse",
)
engine = create_engine(url, pool_pre_ping=True)
