import psycopg2


class ReportingDB:
    def __init__(self, dsn: str, ssl_mode: str = "require"):
        self.dsn = dsn
        self.ssl_mode = ssl_mode

    def connect(self):
        return psycopg2.connect(self.dsn, sslmode=self.ssl_mode, application_name="reporting")
