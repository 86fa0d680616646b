import psycopg2

conn = psycopg2.connect("postgresql://app:app@[::1]:5432/app")
