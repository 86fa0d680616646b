import certifi
from sqlalchemy import create_engine

from app.settings import DATABASE_URL

engine = create_engine(DATABASE_URL, connect_args={"sslmode": "verify-full", "sslrootcert": certifi.where()})
