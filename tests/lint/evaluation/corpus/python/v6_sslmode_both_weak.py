import os

import psycopg2

DEBUG = os.getenv("DEBUG") == "1"


def connect(host: str):
    return psycopg2.connect(host=host, dbname="app", sslmode="disable" if DEBUG else "require")
