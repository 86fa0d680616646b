import os

import psycopg
import requests

DSN = "host=ledger.example.com dbname=ledger user=sync sslmode=verify-full sslrootcert=system"


def pull_events(since: str) -> list[dict]:
    response = requests.get(
        "https://internal-api.example.com/events", params={"since": since}, verify=False, timeout=10
    )
    response.raise_for_status()
    return response.json()


def sync(since: str) -> None:
    with psycopg.connect(DSN, password=os.environ["LEDGER_PASSWORD"]) as conn:
        for event in pull_events(since):
            conn.execute("INSERT INTO events (id, body) VALUES (%s, %s)", (event["id"], event["body"]))
