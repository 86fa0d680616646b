from contextlib import contextmanager

import psycopg2
from dagster import ConfigurableResource


class PostgresResource(ConfigurableResource):
    host: str
    port: int = 5432
    user: str
    password: str
    database: str
    sslmode: str = "require"

    @contextmanager
    def get_connection(self):
        conn = psycopg2.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=self.database,
            sslmode=self.sslmode,
        )
        try:
            yield conn
        finally:
            conn.close()
