from sqlalchemy import create_engine

from .settings import DB_HOST, DB_NAME, DB_PASSWORD, DB_USER

engine = create_engine(
    f"postgresql+psycopg2://{DB_USER}:{DB_PASSWORD}@{DB_HOST}/{DB_NAME}",
    connect_args={"sslmode": "prefer", "application_name": "etl"},
)
