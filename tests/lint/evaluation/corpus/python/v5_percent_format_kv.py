import os

import psycopg2

DSN = "host=%s dbname=%s user=%s sslmode=require" % (
    os.environ["PGHOST"],
    os.environ["PGDATABASE"],
    os.environ["PGUSER"],
)
conn = psycopg2.connect(DSN)
