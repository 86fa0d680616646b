import os

import psycopg2

HOST = os.environ["METRICS_HOST"]

parts = [f"host={HOST}", "dbname=metrics", "user=collector", "sslmode=prefer"]
dsn = " ".join(parts)


def connect():
    return psycopg2.connect(dsn, password=os.environ["METRICS_PASSWORD"])
