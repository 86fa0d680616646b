import os

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

URL = os.environ["TEST_DATABASE_URL"]


def ensure_database() -> str:
    name = conninfo_to_dict(URL)["dbname"]
    admin = make_conninfo(URL, dbname="postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return URL
