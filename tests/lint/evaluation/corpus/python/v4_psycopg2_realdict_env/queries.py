import psycopg2
import psycopg2.extras

from config import DSN


def fetch_users(limit=100):
    conn = psycopg2.connect(DSN, cursor_factory=psycopg2.extras.RealDictCursor)
    try:
        with conn.cursor() as cur:
            cur.execute("SELECT id, email FROM users ORDER BY id LIMIT %s", (limit,))
            return cur.fetchall()
    finally:
        conn.close()


def bulk_insert(rows):
    with psycopg2.connect(DSN) as conn, conn.cursor() as cur:
        psycopg2.extras.execute_values(cur, "INSERT INTO events (kind, payload) VALUES %s", rows)
