import os

import psycopg

url = (
    "postgresql://app@prod-db.example.com/app?sslmode=verify-full&sslrootcert=system"
    if os.environ.get("ENV") == "production"
    else "postgresql://app@localhost/app"
)
conn = psycopg.connect(url)
