import psycopg

conn = psycopg.connect("postgresql://app@[::1]:5432/app?sslmode=disable")
