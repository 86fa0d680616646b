import os

import psycopg
from psycopg.conninfo import conninfo_to_dict


def connect():
    params = conninfo_to_dict(os.environ["DATABASE_URL"])
    params["sslmode"] = "require"
    params.setdefault("connect_timeout", 10)
    return psycopg.connect(**params)
