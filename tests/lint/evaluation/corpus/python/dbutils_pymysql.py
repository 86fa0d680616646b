import pymysql
from dbutils.pooled_db import PooledDB

pool = PooledDB(
    creator=pymysql,
    maxconnections=20,
    host="mysql.example.com",
    user="app",
    password="app",
    database="app",
    charset="utf8mb4",
)
