import os

import psycopg

url = "postgresql://{user}:{password}@{host}:5432/{db}?sslmode=require".format(
    user=os.environ["DB_USER"],
    password=os.environ["DB_PASSWORD"],
    host=os.environ["DB_HOST"],
    db=os.environ["DB_NAME"],
)
conn = psycopg.connect(url)
