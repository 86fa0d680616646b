import argparse
import os

import psycopg


def main() -> None:
    parser = argparse.ArgumentParser(description="Export table sizes as Prometheus metrics")
    parser.add_argument("--dsn", default=os.environ.get("EXPORTER_DSN", ""), help="libpq connection string")
    parser.add_argument("--sslmode", default="verify-full", choices=["require", "verify-ca", "verify-full"])
    args = parser.parse_args()
    with psycopg.connect(args.dsn, sslmode=args.sslmode, sslrootcert="system") as conn:
        for name, size in conn.execute("SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relkind = 'r'"):
            print(f'pg_table_bytes{{table="{name}"}} {size}')


if __name__ == "__main__":
    main()
