from dataclasses import dataclass

import psycopg2


@dataclass(frozen=True)
class PgConfig:
    host: str = "db.example.com"
    port: int = 5432
    dbname: str = "app"
    user: str = "app"
    sslmode: str = "prefer"

    def dsn(self) -> str:
        return f"host={self.host} port={self.port} dbname={self.dbname} user={self.user} sslmode={self.sslmode}"


def connect(config: PgConfig = PgConfig()):
    return psycopg2.connect(config.dsn())
