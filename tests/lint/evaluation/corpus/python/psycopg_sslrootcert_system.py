import psycopg

NEON_URL = "postgresql://neondb_owner@ep-still-sky-445566.us-east-2.aws.neon.tech/neondb?sslrootcert=system"

with psycopg.connect(NEON_URL) as conn:
    conn.execute("select 1")
