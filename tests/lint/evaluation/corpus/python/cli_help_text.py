import argparse

parser = argparse.ArgumentParser(description="Copy a table between two databases")
parser.add_argument("--source", required=True, help="source DSN, e.g. 'host=db.example.com dbname=app sslmode=require'")
parser.add_argument("--target", required=True, help="target URL, e.g. postgresql://u@db2.example.com/app")
args = parser.parse_args()
