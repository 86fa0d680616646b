import os

import psycopg2

dsn = os.environ["PG_DSN"]
dsn += " sslmode=require"

conn = psycopg2.connect(dsn)
