from psycopg_pool import ConnectionPool

pool = ConnectionPool(
    "host=pg-primary.example.com port=5432 dbname=orders user=orders",
    kwargs={"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/ca-certificates.crt"},
    min_size=2,
    max_size=8,
    check=ConnectionPool.check_connection,
)
