import os

import psycopg2

conn = psycopg2.connect(
    host="ep-young-sun-123456.us-east-2.aws.neon.tech",
    dbname="neondb",
    user="neondb_owner",
    password=os.environ["PGPASSWORD"],
    sslmode="require",
    channel_binding="require",
)
cur = conn.cursor()
cur.execute("SELECT version()")
print(cur.fetchone())
conn.close()
