from pydantic import PostgresDsn
from pydantic_settings import BaseSettings


class DatabaseSettings(BaseSettings):
    url: PostgresDsn = "postgresql://billing:billing@billing-db.example.com:5432/billing"
    echo: bool = False

    class Config:
        env_prefix = "DB_"


db_settings = DatabaseSettings()
