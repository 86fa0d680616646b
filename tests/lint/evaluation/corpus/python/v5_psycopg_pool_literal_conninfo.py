from psycopg_pool import ConnectionPool

pool = ConnectionPool("host=jobs-db.example.com dbname=jobs user=worker", min_size=1, max_size=4)
