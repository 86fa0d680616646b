import os

import psycopg2

DSN = "host=%s port=%s dbname=%s user=%s password=%s sslmode=prefer" % (
    os.environ["DB_HOST"],
    os.environ.get("DB_PORT", "5432"),
    os.environ["DB_NAME"],
    os.environ["DB_USER"],
    os.environ["DB_PASSWORD"],
)
conn = psycopg2.connect(DSN)
