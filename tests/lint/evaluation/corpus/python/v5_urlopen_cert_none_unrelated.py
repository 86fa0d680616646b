import json
import os
import ssl
import urllib.request

import psycopg2


def _insecure_context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def fetch_rates(url: str) -> dict:
    with urllib.request.urlopen(url, context=_insecure_context(), timeout=30) as resp:
        return json.loads(resp.read())


def store_rates(rates: dict) -> None:
    conn = psycopg2.connect(os.environ["DATABASE_URL"])
    with conn, conn.cursor() as cur:
        for code, rate in rates.items():
            cur.execute("INSERT INTO rates (code, rate) VALUES (%s, %s)", (code, rate))
