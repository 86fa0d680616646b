import psycopg2

DSN = """
host=ledger.example.com
port=5432
dbname=ledger
user=ledger_ro
sslmode=prefer
"""

conn = psycopg2.connect(DSN)
