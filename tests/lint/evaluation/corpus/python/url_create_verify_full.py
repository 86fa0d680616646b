import os

from sqlalchemy import URL, create_engine

engine = create_engine(
    URL.create(
        "postgresql+psycopg",
        username=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        host="db.example.com",
        database="app",
        query={"sslmode": "verify-full", "sslrootcert": "system"},
    )
)
