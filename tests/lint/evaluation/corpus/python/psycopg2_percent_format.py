import psycopg2

from settings import DB_HOST, DB_NAME, DB_PASSWORD, DB_PORT, DB_USER

conn_string = "host=%s port=%s dbname=%s user=%s password=%s sslmode=prefer" % (
    DB_HOST,
    DB_PORT,
    DB_NAME,
    DB_USER,
    DB_PASSWORD,
)
conn = psycopg2.connect(conn_string)
