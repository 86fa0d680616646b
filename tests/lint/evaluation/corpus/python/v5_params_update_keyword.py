import os

import psycopg

params = {
    "host": os.environ["PGHOST"],
    "dbname": "orders",
    "user": "orders",
}
params.update(sslmode="prefer", connect_timeout=10)

conn = psycopg.connect(**params)
