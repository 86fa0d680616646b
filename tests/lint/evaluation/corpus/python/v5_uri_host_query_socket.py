import psycopg

conn = psycopg.connect("postgresql://app@db.example.com/app?host=/var/run/postgresql")
