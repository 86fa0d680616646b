import psycopg2

dsn = "host=pgbouncer.example.com port=6432 dbname=app user=app"

conn = psycopg2.connect(dsn, options="-c statement_timeout=5000", application_name="worker")
