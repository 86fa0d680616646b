import psycopg2

conn = psycopg2.connect(dsn="dbname=crm user=crm host=crm-db.example.com port=5432")
