import os

import psycopg2

SSL_MODE = "require"
CONNECT_TIMEOUT = 10


def connect(dsn=None):
    return psycopg2.connect(dsn or os.environ["DATABASE_URL"], sslmode=SSL_MODE, connect_timeout=CONNECT_TIMEOUT)
