import os

import psycopg

sslmode = os.environ.get("DB_SSLMODE") or "require"
conn = psycopg.connect(os.environ["DATABASE_URL"], sslmode=sslmode)
