import psycopg2

conn = psycopg2.connect("postgresql://app:pw@192.168.1.20:5432/app")
cur = conn.cursor()
