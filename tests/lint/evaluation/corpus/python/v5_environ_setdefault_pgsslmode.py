import os

os.environ.setdefault("PGSSLMODE", "require")
os.environ.setdefault("PGAPPNAME", "nightly-import")

import psycopg2  # noqa: E402


def run():
    with psycopg2.connect("") as conn, conn.cursor() as cur:
        cur.execute("CALL refresh_materialized_views()")
