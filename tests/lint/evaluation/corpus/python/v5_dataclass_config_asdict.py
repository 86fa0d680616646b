from dataclasses import asdict, dataclass

import psycopg2


@dataclass
class PostgresConfig:
    host: str = "timeseries.example.com"
    port: int = 5432
    dbname: str = "metrics"
    user: str = "writer"
    sslmode: str = "require"


def connect(password: str, config: PostgresConfig = PostgresConfig()):
    return psycopg2.connect(password=password, **asdict(config))
