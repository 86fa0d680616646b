import os
import ssl

from pg8000.native import Connection


def connect() -> Connection:
    return Connection(
        user="metrics",
        host="metrics-db.example.com",
        database="metrics",
        password=os.environ["METRICS_PASSWORD"],
        ssl_context=ssl._create_unverified_context(),
    )
