"""Connections for local development against the docker-compose database."""

import psycopg
from psycopg.conninfo import make_conninfo

LOCAL = make_conninfo("", host="localhost", port=5433, dbname="dev", user="dev", sslmode="disable")


def dev_connection() -> psycopg.Connection:
    return psycopg.connect(LOCAL)
