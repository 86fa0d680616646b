import psycopg

DSN = "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"

conn = psycopg.connect(DSN, sslmode="require")
