from psycopg_pool import ConnectionPool

pool = ConnectionPool(
    "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system",
    check=ConnectionPool.check_connection,
    min_size=1,
)
