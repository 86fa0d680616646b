import json
import os

import psycopg2

conn = None


def get_connection():
    global conn
    if conn is None or conn.closed:
        conn = psycopg2.connect(
            host=os.environ["DB_HOST"],
            port=int(os.environ.get("DB_PORT", "5432")),
            dbname=os.environ["DB_NAME"],
            user=os.environ["DB_USER"],
            password=os.environ["DB_PASSWORD"],
            sslmode="require",
            connect_timeout=5,
        )
    return conn


def lambda_handler(event, context):
    with get_connection().cursor() as cur:
        cur.execute("SELECT id, email FROM users WHERE id = %s", (event["pathParameters"]["id"],))
        row = cur.fetchone()
    return {"statusCode": 200, "body": json.dumps({"id": row[0], "email": row[1]})}
