from psycopg2.pool import ThreadedConnectionPool

from config import DSN

db_pool = ThreadedConnectionPool(minconn=1, maxconn=20, dsn=DSN, sslmode="allow")


def query(sql, *args):
    conn = db_pool.getconn()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall()
    finally:
        db_pool.putconn(conn)
