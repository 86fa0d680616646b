import os

from psycopg_pool import ConnectionPool

pool = ConnectionPool(
    os.environ["DATABASE_URL"],
    kwargs={"sslmode": "verify-full", "sslrootcert": "system"},
    min_size=1,
    max_size=4,
)
