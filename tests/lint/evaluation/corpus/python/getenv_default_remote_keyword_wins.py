import os

from sqlalchemy import create_engine

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app@db.example.com/app")
engine = create_engine(DATABASE_URL, connect_args={"sslmode": "verify-full", "sslrootcert": "system"})
