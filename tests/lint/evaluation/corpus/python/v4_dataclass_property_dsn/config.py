from dataclasses import dataclass

import psycopg


@dataclass(frozen=True)
class DatabaseConfig:
    user: str = "inventory"
    host: str = "inventory-db.example.com"
    port: int = 5432
    name: str = "inventory"
    sslmode: str = "verify-ca"

    @property
    def dsn(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.name}?sslmode={self.sslmode}"


config = DatabaseConfig()


def connect() -> psycopg.Connection:
    return psycopg.connect(config.dsn)
