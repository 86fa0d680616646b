import psycopg

DSN = "postgresql://app@pg.example.com/app?sslmode=verify%2Dfull&sslrootcert=%2Fetc%2Fssl%2Fcerts%2Fca.pem"

conn = psycopg.connect(DSN)
