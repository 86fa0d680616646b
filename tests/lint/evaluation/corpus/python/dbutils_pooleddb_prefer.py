import os

import psycopg2
from dbutils.pooled_db import PooledDB

pool = PooledDB(
    creator=psycopg2,
    maxconnections=10,
    mincached=2,
    blocking=True,
    host="db.example.com",
    dbname="app",
    user="app",
    password=os.environ["DB_PASSWORD"],
    sslmode="prefer",
)
