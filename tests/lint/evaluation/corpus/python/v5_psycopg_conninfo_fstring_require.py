import os

import psycopg

host = os.environ["PGHOST"]
user = os.environ["PGUSER"]

conn = psycopg.connect(conninfo=f"host={host} dbname=app user={user} sslmode=require")
