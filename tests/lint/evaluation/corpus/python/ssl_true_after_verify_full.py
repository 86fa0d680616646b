import psycopg2

URL = "postgresql://app@db.example.com/app?sslmode=verify-full&ssl=true"
conn = psycopg2.connect(URL)
