import os

import psycopg
from psycopg.conninfo import make_conninfo

BASE_CONNINFO = os.environ["DATABASE_URL"]


def conninfo_for(application_name: str) -> str:
    return make_conninfo(BASE_CONNINFO, application_name=application_name, sslmode="prefer")


def connect(application_name: str = "worker") -> psycopg.Connection:
    return psycopg.connect(conninfo_for(application_name), autocommit=True)
