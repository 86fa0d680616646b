from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env")

    database_url: str = "postgresql+asyncpg://api:api@db.internal.example.com:5432/api"
    pool_size: int = 10


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
engine = create_async_engine(
    settings.database_url,
    pool_size=settings.pool_size,
    connect_args={"ssl": "require", "server_settings": {"application_name": "api"}},
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)
