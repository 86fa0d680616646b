import psycopg2


class OrderRepository:
    def __init__(self, host: str, port: int = 5432, dbname: str = "orders", user: str = "orders") -> None:
        self.dsn = f"host={host} port={port} dbname={dbname} user={user} sslmode=require"

    def connect(self):
        return psycopg2.connect(self.dsn)

    def count(self) -> int:
        with self.connect() as conn, conn.cursor() as cur:
            cur.execute("select count(*) from orders")
            return cur.fetchone()[0]
