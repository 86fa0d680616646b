import psycopg2
from dbutils.pooled_db import PooledDB

POOL = PooledDB(
    creator=psycopg2,
    mincached=2,
    maxcached=5,
    blocking=True,
    host="pg.example.com",
    port=5432,
    dbname="app",
    user="app",
)


def query(sql, params=()):
    conn = POOL.connection()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()
