import os

import psycopg2

params = dict(
    host="billing-db.example.com",
    dbname="billing",
    user="billing",
    password=os.environ["BILLING_DB_PASSWORD"],
)

conn = psycopg2.connect(**params)
