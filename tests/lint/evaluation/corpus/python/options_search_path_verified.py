import psycopg2

conn = psycopg2.connect(
    host="pg.example.com",
    dbname="app",
    user="app",
    options="-c search_path=app,public",
    sslmode="verify-full",
    sslrootcert="/etc/ssl/certs/ca-certificates.crt",
)
