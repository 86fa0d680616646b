import psycopg2


class InventoryRepository:
    def __init__(self):
        self.dsn = "host=pg.example.com dbname=inventory user=inv"
        self._conn = None

    def connect(self):
        if self._conn is None:
            self._conn = psycopg2.connect(self.dsn)
        return self._conn

    def stock(self, sku):
        with self.connect().cursor() as cur:
            cur.execute("SELECT quantity FROM stock WHERE sku = %s", (sku,))
            return cur.fetchone()
