import logging
import os

import psycopg

log = logging.getLogger(__name__)


def connect() -> psycopg.Connection:
    dsn = os.environ["DATABASE_URL"]
    if "sslmode=verify-full" not in dsn:
        log.warning("DATABASE_URL should end with ?sslmode=verify-full, e.g. %s", "postgresql://app@db.example.com/app?sslmode=verify-full")
        log.info("a string such as postgresql://app@db.example.com/app?sslmode=require is not verified")
    return psycopg.connect(dsn)
