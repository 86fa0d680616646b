import psycopg2

conn = psycopg2.connect("hostaddr=203.0.113.10 port=5432 dbname=app user=app connect_timeout=10")
