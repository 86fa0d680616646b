"""Connection code that verifies the server, as the linter follows it: nothing to report."""

import os
import ssl

import psycopg
from psycopg_pool import ConnectionPool
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
# The calls below choose verify-full, which wins over whatever the strings say.
DATABASE_URL = "postgresql://app@db.example.com/app"
LEGACY_DSN = "host=legacy.example.com dbname=app sslmode=require"
SSLMODE = "verify-full" if os.environ.get("APP_ENV") == "production" else "disable"


def connect() -> psycopg.Connection:
    return psycopg.connect(DATABASE_URL, sslmode="verify-full", sslrootcert=CA_BUNDLE)


def connect_legacy() -> psycopg.Connection:
    return psycopg.connect(LEGACY_DSN, sslmode=SSLMODE, sslrootcert=CA_BUNDLE)


pool = ConnectionPool(DATABASE_URL, kwargs={"sslmode": "verify-full", "sslrootcert": CA_BUNDLE}, open=False)
engine = create_async_engine(settings.DATABASE_URL, connect_args={"ssl": ssl.create_default_context(cafile=CA_BUNDLE)})


def describe(url: str) -> str:
    """Test data and messages are not connection settings."""
    if url == "postgresql://app@db.example.com/app?sslmode=disable":
        print("postgresql://db.example.com/app?sslmode=prefer is not allowed")
    return url.replace("sslmode=require", "sslmode=verify-full")
