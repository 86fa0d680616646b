import os

from sqlalchemy import create_engine

uri = os.getenv("DATABASE_URL", "")
if uri.startswith("postgres://"):
    uri = uri.replace("postgres://", "postgresql://", 1)

engine = create_engine(uri, connect_args={"sslmode": "verify-full", "sslrootcert": "system"})
