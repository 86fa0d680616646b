import os

from sqlalchemy import create_engine
from sqlalchemy.engine import URL

url = URL.create(
    "postgresql+psycopg2",
    username=os.environ["DB_USER"],
    password=os.environ["DB_PASSWORD"],
    host="db.prod.example.com",
    port=5432,
    database="orders",
    query={"sslmode": "prefer"},
)
engine = create_engine(url, pool_pre_ping=True)
