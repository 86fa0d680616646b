import psycopg


class Repository:
    def __init__(self, dsn: str = "postgresql://app@db.example.com/app?sslmode=require"):
        self.dsn = dsn

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.dsn)
