import os

import psycopg

HOST = "ep-silent-cloud-123456.us-east-2.aws.neon.tech"

with psycopg.connect(host=HOST, dbname="neondb", user="neondb_owner", password=os.environ["PGPASSWORD"]) as conn:
    conn.execute("select 1")
