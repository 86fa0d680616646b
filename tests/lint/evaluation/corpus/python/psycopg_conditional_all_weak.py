import os

import psycopg2

SSLMODE = "require" if os.environ.get("CI") else "prefer"


def connect():
    return psycopg2.connect(os.environ["DATABASE_URL"], sslmode=SSLMODE)
