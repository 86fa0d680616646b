import os

import psycopg2
from dbutils.pooled_db import PooledDB

pool = PooledDB(
    psycopg2,
    maxconnections=10,
    mincached=2,
    blocking=True,
    host="pg.example.org",
    database="shop",
    user="shop",
    password=os.environ["SHOP_DB_PASSWORD"],
    sslmode="prefer",
)


def query(sql, params=None):
    conn = pool.connection()
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchall()
    finally:
        conn.close()
