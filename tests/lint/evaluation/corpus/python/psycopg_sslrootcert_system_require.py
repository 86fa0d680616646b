import psycopg

NEON_URL = "postgresql://neondb_owner@ep-still-sky-445566.us-east-2.aws.neon.tech/neondb?sslrootcert=system&sslmode=require"

conn = psycopg.connect(NEON_URL)
