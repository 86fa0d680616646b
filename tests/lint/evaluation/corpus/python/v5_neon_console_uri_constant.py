import psycopg2

# Copied from the Neon console
DATABASE_URL = "postgresql://neondb_owner:npg_Xy12AbCdEf@ep-snowy-dew-a5kq8x2m-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"

conn = psycopg2.connect(DATABASE_URL)
cur = conn.cursor()
cur.execute("SELECT version()")
print(cur.fetchone())
conn.close()
