import os

import psycopg2

os.environ["PGSSLMODE"] = "require"
conn = psycopg2.connect(os.environ["DATABASE_URL"])
