from functools import lru_cache

from pydantic_settings import BaseSettings


class DatabaseSettings(BaseSettings):
    db_user: str = "reports"
    db_password: str = ""
    db_host: str = "reports-db.eu-central-1.example.cloud"
    db_port: int = 5432
    db_name: str = "reports"

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.db_user}:{self.db_password}@{self.db_host}:{self.db_port}/{self.db_name}"


@lru_cache
def get_settings() -> DatabaseSettings:
    return DatabaseSettings()
