from pydantic import PostgresDsn
from pydantic_settings import BaseSettings
from sqlalchemy import create_engine


class DatabaseSettings(BaseSettings):
    database_url: PostgresDsn = "postgresql://app:app@db.internal.example.com:5432/app"
    pool_size: int = 5


db_settings = DatabaseSettings()
engine = create_engine(str(db_settings.database_url), pool_size=db_settings.pool_size)
