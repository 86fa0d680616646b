import os

import psycopg2


def get_conn(sslmode="prefer"):
    return psycopg2.connect(os.environ["DSN"], sslmode=sslmode)
