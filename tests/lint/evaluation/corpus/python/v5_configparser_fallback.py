import configparser

import psycopg2

cfg = configparser.ConfigParser()
cfg.read("db.ini")


def connect():
    return psycopg2.connect(
        host=cfg.get("postgres", "host"),
        dbname=cfg.get("postgres", "dbname"),
        user=cfg.get("postgres", "user"),
        password=cfg.get("postgres", "password"),
        sslmode=cfg.get("postgres", "sslmode", fallback="prefer"),
    )
