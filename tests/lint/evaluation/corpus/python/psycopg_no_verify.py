import psycopg2

# copied from the node app's config
DATABASE_URL = "postgres://app:pw@db.example.com:5432/app?sslmode=no-verify"
conn = psycopg2.connect(DATABASE_URL)
