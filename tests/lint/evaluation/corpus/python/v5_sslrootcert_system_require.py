import psycopg

NEON_URL = "postgresql://app@ep-calm-pine-5566.us-east-2.aws.neon.tech/neondb?sslmode=require&sslrootcert=system"

with psycopg.connect(NEON_URL) as conn:
    print(conn.execute("SELECT current_user").fetchone())
