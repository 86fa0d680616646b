import os

import psycopg

url = os.environ["DATABASE_URL"] + "?sslmode=require"
conn = psycopg.connect(url)
