from pydantic_settings import BaseSettings
import psycopg


class DatabaseSettings(BaseSettings):
    host: str = "billing-db.prod.example.com"
    port: int = 5432
    name: str = "billing"
    user: str = "billing"
    password: str = ""
    sslmode: str = "prefer"

    @property
    def conninfo(self) -> str:
        return f"host={self.host} port={self.port} dbname={self.name} user={self.user} sslmode={self.sslmode}"


db_settings = DatabaseSettings()


def connect() -> psycopg.Connection:
    return psycopg.connect(db_settings.conninfo, password=db_settings.password)
