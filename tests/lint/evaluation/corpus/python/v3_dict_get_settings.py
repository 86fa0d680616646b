import psycopg2

from .config import DATABASE

conn = psycopg2.connect(
    host=DATABASE["host"],
    dbname=DATABASE["name"],
    sslmode=DATABASE.get("sslmode", "require"),
)
