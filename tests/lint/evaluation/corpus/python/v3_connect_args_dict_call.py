from sqlalchemy import create_engine

from app.config import settings

engine = create_engine(settings.SQLALCHEMY_DATABASE_URI, connect_args=dict(sslmode="require"))
