import os

from sqlalchemy import URL, create_engine

url = URL.create(
    "postgresql+psycopg2",
    username="dw_loader",
    password=os.environ["DW_PASSWORD"],
    host="warehouse.example.com",
    database="dw",
    query={"sslmode": "prefer"},
)
engine = create_engine(url, pool_size=10)
