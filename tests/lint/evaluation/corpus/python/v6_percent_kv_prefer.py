import psycopg2

from settings import DB


def connect():
    conn_str = "host=%s dbname=%s user=%s password=%s sslmode=prefer" % (
        DB["host"],
        DB["name"],
        DB["user"],
        DB["password"],
    )
    return psycopg2.connect(conn_str)
