"""Database helpers.

Set ``DATABASE_URL`` to a libpq URI, for example::

    postgresql://app:secret@db.example.com:5432/app?sslmode=require

or a key/value string such as ``host=db.example.com dbname=app sslmode=prefer``.
"""

import os

import psycopg


def connect() -> psycopg.Connection:
    """Open a connection from ``DATABASE_URL`` (e.g. ``postgresql://db.example.com/app``)."""
    return psycopg.connect(os.environ["DATABASE_URL"])
