"""Connections that verify the server: nothing to report."""

import os
import ssl

import asyncpg
import psycopg
from sqlalchemy import create_engine

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
DATABASE_URL = (
    "postgresql://app@ep-cool-1.us-east-2.aws.neon.tech/neondb"
    "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt"
)
TEST_URL = "postgresql://postgres@localhost:5432/test"


def connect() -> psycopg.Connection:
    return psycopg.connect(os.environ["DATABASE_URL"])


def connect_with_keywords() -> psycopg.Connection:
    return psycopg.connect(host="db.example.com", dbname="app", sslmode="verify-full", sslrootcert=CA_BUNDLE)


async def fetch() -> None:
    conn = await asyncpg.connect(host="db.example.com", ssl=ssl.create_default_context(cafile=CA_BUNDLE))
    await conn.close()


engine = create_engine(DATABASE_URL)
