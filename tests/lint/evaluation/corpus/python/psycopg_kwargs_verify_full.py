import os

import psycopg

conn = psycopg.connect(
    host="ep-cool-darkness-123456.us-east-2.aws.neon.tech",
    dbname="neondb",
    user="neondb_owner",
    password=os.environ["PGPASSWORD"],
    sslmode="verify-full",
    sslrootcert="system",
)
