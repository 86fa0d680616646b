import os

from psycopg2.extensions import make_dsn

dsn = make_dsn(os.environ["DATABASE_URL"], sslmode="prefer", connect_timeout=5)
