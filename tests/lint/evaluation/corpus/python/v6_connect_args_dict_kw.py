from sqlalchemy import create_engine

from .config import DATABASE_URL

engine = create_engine(DATABASE_URL, connect_args=dict(sslmode="require", connect_timeout=5))
