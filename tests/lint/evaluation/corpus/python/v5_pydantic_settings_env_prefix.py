from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import create_engine


class DatabaseSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DB_")

    url: str = "postgresql+psycopg2://app@app-db.example.com:5432/app"
    echo: bool = False


db_settings = DatabaseSettings()
engine = create_engine(db_settings.url, echo=db_settings.echo)
