import psycopg

conn = psycopg.connect("host=127.0.0.1 port=5433 dbname=app user=app sslmode=disable")
