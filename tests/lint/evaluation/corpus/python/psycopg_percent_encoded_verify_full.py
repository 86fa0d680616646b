import psycopg

URL = "postgresql://app@db.example.com/app?sslmode=verify%2Dfull&sslrootcert=%2Fetc%2Fssl%2Fcerts%2Fca-certificates.crt"
conn = psycopg.connect(URL)
