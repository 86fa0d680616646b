import os

from sqlalchemy import URL, create_engine

engine = create_engine(
    URL.create(
        drivername="postgresql+psycopg",
        username="svc",
        password=os.environ["SVC_DB_PASSWORD"],
        host="svc-db.example.com",
        port=5432,
        database="svc",
    )
)
