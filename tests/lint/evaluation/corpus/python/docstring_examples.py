"""Database helpers.

Usage::

    >>> db = connect("postgresql://app@db.example.com/app?sslmode=require")
    >>> db.close()

Set ``DATABASE_URL`` to something like ``postgresql://app@db.example.com/app``.
"""

import os

import psycopg


def connect(url: str | None = None) -> psycopg.Connection:
    """Connect to ``url`` (default: ``$DATABASE_URL``), e.g. ``host=db.example.com sslmode=prefer``."""
    return psycopg.connect(url or os.environ["DATABASE_URL"])
