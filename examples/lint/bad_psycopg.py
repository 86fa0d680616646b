"""Connections that an attacker on the network path can intercept."""

import os

import psycopg
from psycopg_pool import ConnectionPool

DATABASE_URL = "postgresql://app:secret@ep-cool-1.us-east-2.aws.neon.tech/neondb?sslmode=require"
REPORTING_DSN = "host=reports.example.com dbname=reports user=reporter"  # expect: NEO102

os.environ["PGSSLMODE"] = "prefer"  # expect: NEO108


def connect() -> psycopg.Connection:
    return psycopg.connect(DATABASE_URL, sslmode="verify-ca")  # expect: NEO103


def pool() -> ConnectionPool:
    return ConnectionPool("dbname=app", kwargs={"host": "db.example.com", "sslmode": "allow"})  # expect: NEO103
