import psycopg2

dsn = "host=localhost dbname=test user=postgres"
conn = psycopg2.connect(dsn, sslmode="disable")
