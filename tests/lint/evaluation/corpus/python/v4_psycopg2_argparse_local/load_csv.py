#!/usr/bin/env python3
"""Load a CSV export into the local development database."""

import argparse
import csv

import psycopg2
from psycopg2.extras import execute_values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv_path")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--dbname", default="app_dev")
    parser.add_argument("--user", default="postgres")
    args = parser.parse_args()

    with open(args.csv_path, newline="") as handle:
        rows = [tuple(row) for row in csv.reader(handle)]
    conn = psycopg2.connect(host=args.host, port=args.port, dbname=args.dbname, user=args.user)
    with conn, conn.cursor() as cur:
        execute_values(cur, "INSERT INTO imports (a, b, c) VALUES %s", rows)


if __name__ == "__main__":
    main()
