import psycopg

conn = psycopg.connect(**{"host": "db.example.com", "dbname": "app", "sslmode": "require"})
