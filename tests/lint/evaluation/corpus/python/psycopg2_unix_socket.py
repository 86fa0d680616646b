import psycopg2

conn = psycopg2.connect(host="/var/run/postgresql", dbname="app", user="app", sslmode="disable")
