import psycopg2


class Loader:
    SSL_MODE = "require"

    def __init__(self, dsn: str):
        self.dsn = dsn

    def connect(self):
        return psycopg2.connect(self.dsn, sslmode=self.SSL_MODE)
