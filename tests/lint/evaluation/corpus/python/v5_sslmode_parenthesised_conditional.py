import os

import psycopg2

PRODUCTION = os.getenv("ENV") == "production"

conn = psycopg2.connect(os.environ["DATABASE_URL"], sslmode=("require" if PRODUCTION else "disable"))
