from psycopg2.pool import SimpleConnectionPool

DSN = "dbname=app user=app host=10.0.3.14 port=5432 sslmode=allow"

pool = SimpleConnectionPool(1, 5, dsn=DSN)
