import psycopg2

LEGACY_DSN = "host=legacy.example.com dbname=old user=migrator requiressl=1"


def copy_table(name):
    with psycopg2.connect(LEGACY_DSN) as conn, conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {name}")
        return cur.fetchall()
