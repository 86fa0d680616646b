from psycopg_pool import ConnectionPool

DATABASE_URL = "host=ep-gentle-tree-1122.us-east-2.aws.neon.tech dbname=neondb user=app sslmode=require"

pool = ConnectionPool(DATABASE_URL, kwargs={"sslmode": "verify-full", "sslrootcert": "system"}, min_size=1)
