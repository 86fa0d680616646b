import os

import boto3
import psycopg2

ENDPOINT = "orders.cluster-c9akciq32.us-east-1.rds.amazonaws.com"
PORT = 5432
USER = "lambda_reader"
REGION = "us-east-1"
DBNAME = "orders"

session = boto3.Session()
client = session.client("rds", region_name=REGION)


def handler(event, context):
    token = client.generate_db_auth_token(DBHostname=ENDPOINT, Port=PORT, DBUsername=USER, Region=REGION)
    conn = psycopg2.connect(
        host=ENDPOINT,
        port=PORT,
        database=DBNAME,
        user=USER,
        password=token,
        sslmode="verify-full",
        sslrootcert=os.path.join(os.path.dirname(__file__), "global-bundle.pem"),
    )
    with conn.cursor() as cur:
        cur.execute("SELECT now()")
        return {"now": str(cur.fetchone()[0])}
