import psycopg2

conn = psycopg2.connect(
    host="pg.example.com",
    dbname="app",
    user="app",
    sslrootcert="/etc/ssl/certs/ca-certificates.crt",
)
