import os
from urllib.parse import quote_plus, urlencode

import psycopg

QUERY = urlencode({"sslmode": "prefer", "application_name": "api", "connect_timeout": 10})


def database_url() -> str:
    user = quote_plus(os.environ["DB_USER"])
    password = quote_plus(os.environ["DB_PASSWORD"])
    return f"postgresql://{user}:{password}@{os.environ['DB_HOST']}:5432/api?{QUERY}"


def connect() -> psycopg.Connection:
    return psycopg.connect(database_url())
