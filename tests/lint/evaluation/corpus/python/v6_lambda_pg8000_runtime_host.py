import os
import ssl

import pg8000.dbapi

SSL_CONTEXT = ssl.create_default_context()


def handler(event, context):
    conn = pg8000.dbapi.connect(
        user=os.environ["DB_USER"],
        password=os.environ["DB_PASSWORD"],
        host=os.environ["DB_HOST"],
        database=os.environ.get("DB_NAME", "app"),
        ssl_context=SSL_CONTEXT,
    )
    cur = conn.cursor()
    cur.execute("SELECT 1")
    return cur.fetchone()[0]
