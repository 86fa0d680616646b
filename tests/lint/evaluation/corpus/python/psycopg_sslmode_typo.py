import os

import psycopg2

conn = psycopg2.connect(
    host=os.environ["DB_HOST"],
    dbname="app",
    sslmode="verify_full",
)
