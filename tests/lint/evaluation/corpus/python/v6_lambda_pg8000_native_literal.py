import json
import os

import boto3
import pg8000.native


def _password() -> str:
    client = boto3.client("secretsmanager")
    secret = client.get_secret_value(SecretId=os.environ["SECRET_ARN"])
    return json.loads(secret["SecretString"])["password"]


def handler(event, context):
    con = pg8000.native.Connection(
        user="lambda",
        password=_password(),
        host="orders.cluster-c1x2y3z4.eu-west-1.rds.amazonaws.com",
        database="orders",
    )
    rows = con.run("SELECT id, status FROM orders WHERE id = :id", id=event["order_id"])
    con.close()
    return {"statusCode": 200, "body": json.dumps(rows, default=str)}
