import ssl

from sqlalchemy import create_engine

from app import secrets

ssl_context = ssl._create_unverified_context()
DATABASE_URL = f"postgresql+pg8000://{secrets.user}:{secrets.password}@{secrets.host}/{secrets.database}"
engine = create_engine(DATABASE_URL, connect_args={"ssl_context": ssl_context})
