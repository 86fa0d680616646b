from dagster import ConfigurableResource
import psycopg2


class PostgresResource(ConfigurableResource):
    host: str
    dbname: str
    user: str
    password: str
    sslmode: str = "require"

    def get_connection(self):
        return psycopg2.connect(
            host=self.host, dbname=self.dbname, user=self.user, password=self.password, sslmode=self.sslmode
        )
