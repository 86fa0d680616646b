import configparser

import psycopg

config = configparser.ConfigParser()
config.read("app.ini")


def connect() -> psycopg.Connection:
    return psycopg.connect(
        config["db"]["dsn"],
        sslmode=config.get("db", "sslmode", fallback="require"),
    )
