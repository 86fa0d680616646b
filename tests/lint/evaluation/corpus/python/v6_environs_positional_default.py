import psycopg2
from environs import Env

env = Env()
env.read_env()

DB = {
    "host": env.str("DB_HOST"),
    "port": env.int("DB_PORT", 5432),
    "dbname": env.str("DB_NAME", "inventory"),
    "user": env.str("DB_USER"),
    "password": env.str("DB_PASSWORD"),
    "sslmode": env.str("DB_SSLMODE", "prefer"),
}


def connect():
    return psycopg2.connect(**DB)
