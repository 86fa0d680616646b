import psycopg2


class DatabaseConfig:
    HOST = "pg.prod.example.com"
    PORT = 5432
    NAME = "ledger"
    USER = "ledger"
    SSLMODE = "allow"


def connect(password):
    return psycopg2.connect(
        host=DatabaseConfig.HOST,
        port=DatabaseConfig.PORT,
        dbname=DatabaseConfig.NAME,
        user=DatabaseConfig.USER,
        password=password,
        sslmode=DatabaseConfig.SSLMODE,
    )
