import psycopg2

conn = psycopg2.connect("postgres://u:p@db.example.com:5432/app?ssl=true")
