import argparse
import csv
import sys

import psycopg2


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description="Dump a table to CSV")
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, default=5432)
    parser.add_argument("--dbname", required=True)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--sslmode", default="require", choices=["disable", "require", "verify-ca", "verify-full"])
    parser.add_argument("table")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    conn = psycopg2.connect(host=args.host, port=args.port, dbname=args.dbname, user=args.user, sslmode=args.sslmode)
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {args.table}")
        writer = csv.writer(sys.stdout)
        writer.writerow([d[0] for d in cur.description])
        writer.writerows(cur)


if __name__ == "__main__":
    main()
