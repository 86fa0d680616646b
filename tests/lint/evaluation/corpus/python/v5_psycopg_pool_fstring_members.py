from functools import cached_property

from psycopg_pool import AsyncConnectionPool


class Database:
    def __init__(self, host: str, port: int, db_name: str, user: str, password: str):
        self.host = host
        self.port = port
        self.db_name = db_name
        self.user = user
        self.password = password

    @cached_property
    def pool(self) -> AsyncConnectionPool:
        conninfo = (
            f"dbname={self.db_name} "
            f"user={self.user} "
            f"password={self.password} "
            f"host={self.host} "
            f"port={self.port}"
        )
        return AsyncConnectionPool(conninfo=conninfo, min_size=2, max_size=10, open=False)
