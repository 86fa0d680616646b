import psycopg2

conn = psycopg2.connect("postgresql://app:app@db.example.com:5432/app?ssl=true")
cur = conn.cursor()
cur.execute("SELECT 1")
print(cur.fetchone())
