import psycopg2


class Warehouse:
    def __init__(self, host="warehouse.example.com", dbname="dw", user="etl", sslmode="require"):
        self.conn = psycopg2.connect(host=host, dbname=dbname, user=user, sslmode=sslmode)

    def tables(self):
        with self.conn.cursor() as cur:
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
            return [row[0] for row in cur.fetchall()]
