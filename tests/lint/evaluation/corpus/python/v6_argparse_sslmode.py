import argparse

import psycopg


def parse_args():
    parser = argparse.ArgumentParser(description="Copy a table between databases")
    parser.add_argument("--source", required=True, help="source conninfo")
    parser.add_argument("--target", required=True, help="target conninfo")
    parser.add_argument("--sslmode", default="require", choices=["disable", "require", "verify-full"])
    return parser.parse_args()


def main():
    args = parse_args()
    with psycopg.connect(args.source, sslmode=args.sslmode) as src, psycopg.connect(
        args.target, sslmode=args.sslmode
    ) as dst:
        with src.cursor().copy("COPY events TO STDOUT") as out, dst.cursor().copy("COPY events FROM STDIN") as inp:
            for data in out:
                inp.write(data)


if __name__ == "__main__":
    main()
