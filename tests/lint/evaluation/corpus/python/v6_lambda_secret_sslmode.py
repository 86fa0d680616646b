import json

import boto3
import psycopg2

_client = boto3.client("secretsmanager")


def get_connection():
    secret = json.loads(_client.get_secret_value(SecretId="prod/app/db")["SecretString"])
    return psycopg2.connect(
        host=secret["host"],
        port=secret.get("port", 5432),
        dbname=secret["dbname"],
        user=secret["username"],
        password=secret["password"],
        sslmode="require",
        connect_timeout=5,
    )
