"""Weak settings the linter finds by following names, helpers, pools and conditionals.

Each reported line ends with an ``expect:`` comment naming the code the linter must report there.
"""

import os
import ssl

import asyncpg
import psycopg2
from dbutils.pooled_db import PooledDB
from psycopg2.pool import ThreadedConnectionPool
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

DB_HOST = "reports.example.com"
REPORTS_DSN = f"host={DB_HOST} dbname=reports user=reader"  # expect: NEO102
SSLMODE = "require" if os.environ.get("APP_ENV") == "production" else "prefer"  # expect: NEO103

# Only asyncpg takes ssl= in connect_args: "disable" sends no TLS, whatever the URL is.
engine = create_async_engine(settings.DATABASE_URL or "", connect_args={"ssl": "disable"})  # expect: NEO103


def make_ssl_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(settings.DATABASE_URL, ssl=make_ssl_context())  # expect: NEO104


def reports() -> psycopg2.extensions.connection:
    return psycopg2.connect(REPORTS_DSN)


def threaded_pool() -> ThreadedConnectionPool:
    return ThreadedConnectionPool(1, 20, host=os.environ["PGHOST"], dbname="app", sslmode=SSLMODE)


POOL_OPTIONS = dict(host=settings.DB_HOST, dbname="app", sslmode="allow")  # expect: NEO103
dbutils_pool = PooledDB(psycopg2, maxconnections=8, **POOL_OPTIONS)
