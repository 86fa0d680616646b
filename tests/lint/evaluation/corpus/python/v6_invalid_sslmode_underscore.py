import psycopg

conn = psycopg.connect("postgresql://app@db.example.com/app?sslmode=verify_full")
