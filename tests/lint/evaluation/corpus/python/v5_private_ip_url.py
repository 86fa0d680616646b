import psycopg2

conn = psycopg2.connect("postgresql://app:app@10.0.3.12:5432/app")
