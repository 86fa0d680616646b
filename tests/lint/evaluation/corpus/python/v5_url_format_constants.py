import psycopg2

DB_USER = "reports"
DB_HOST = "reports.example.com"
DB_NAME = "reports"


def connect(password: str):
    url = "postgresql://{}:{}@{}/{}".format(DB_USER, password, DB_HOST, DB_NAME)
    return psycopg2.connect(url)
