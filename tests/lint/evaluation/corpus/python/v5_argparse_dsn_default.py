import argparse

import psycopg2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dsn", default="postgresql://etl@warehouse.example.com/etl")
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()
    conn = psycopg2.connect(args.dsn)
    with conn, conn.cursor() as cur:
        cur.execute("CALL etl.load_batch(%s)", (args.batch_size,))


if __name__ == "__main__":
    main()
