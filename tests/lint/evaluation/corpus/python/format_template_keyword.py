import os

import psycopg2

DSN_TEMPLATE = "host={host} port=5432 dbname={db} user={user} sslmode={sslmode}"

dsn = DSN_TEMPLATE.format(
    host=os.environ["DB_HOST"],
    db=os.environ["DB_NAME"],
    user=os.environ["DB_USER"],
    sslmode="require",
)
conn = psycopg2.connect(dsn)
