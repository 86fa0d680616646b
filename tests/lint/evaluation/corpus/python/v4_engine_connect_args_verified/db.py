import certifi
from sqlalchemy import create_engine

engine = create_engine(
    "postgresql+psycopg2://svc@svc-db.example.com:5432/svc",
    connect_args={"sslmode": "verify-full", "sslrootcert": certifi.where()},
    pool_size=10,
)
