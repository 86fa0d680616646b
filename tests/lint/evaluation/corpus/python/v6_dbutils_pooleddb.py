import psycopg2
from dbutils.pooled_db import PooledDB

POOL = PooledDB(
    creator=psycopg2,
    maxconnections=10,
    mincached=2,
    blocking=True,
    host="orders-db.example.com",
    database="orders",
    user="orders",
    password="orders",
    sslmode="require",
)
