import os

from psycopg2.pool import ThreadedConnectionPool

pool = ThreadedConnectionPool(
    2,
    20,
    host="pg-primary.example.com",
    dbname="inventory",
    user="inventory",
    password=os.environ["INVENTORY_DB_PASSWORD"],
)
