import os

from sqlalchemy import create_engine

DB_USER = "reporting"
DB_HOST = "reporting-db.example.com"
DB_PORT = 5432
DB_NAME = "reporting"

DATABASE_URL = f"postgresql://{DB_USER}:{os.environ['DB_PASSWORD']}@{DB_HOST}:{DB_PORT}/{DB_NAME}"
engine = create_engine(DATABASE_URL)
