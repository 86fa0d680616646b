import argparse
import csv
import sys

import psycopg2


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Export a table as CSV")
    parser.add_argument("table")
    parser.add_argument("--host", required=True)
    parser.add_argument("--dbname", default="app")
    parser.add_argument("--user", default="exporter")
    parser.add_argument("--sslmode", default="require", help="libpq sslmode")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    conn = psycopg2.connect(host=args.host, dbname=args.dbname, user=args.user, sslmode=args.sslmode)
    with conn.cursor() as cur:
        cur.execute(f"select * from {args.table}")
        writer = csv.writer(sys.stdout)
        writer.writerow([column.name for column in cur.description])
        writer.writerows(cur)


if __name__ == "__main__":
    main()
