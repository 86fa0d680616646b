from pydantic_settings import BaseSettings
from sqlalchemy import create_engine


class Settings(BaseSettings):
    database_url: str
    db_sslmode: str = "require"


settings = Settings()
engine = create_engine(settings.database_url, connect_args={"sslmode": settings.db_sslmode})
