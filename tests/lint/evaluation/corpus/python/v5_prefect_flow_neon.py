import os

import psycopg
from prefect import flow, task


@task(retries=3)
def load(rows: list[tuple]) -> None:
    with psycopg.connect(os.environ["NEON_DATABASE_URL"], sslmode="require") as conn:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO prices (ticker, price) VALUES (%s, %s)", rows)


@flow
def pipeline():
    load([("ACME", 10.5)])


if __name__ == "__main__":
    pipeline()
