"""NEO105: TLS settings the driver refuses, so the connection always fails."""

from __future__ import annotations

import libcst as cst

from flake8_neon.calls import ConninfoLiteral
from flake8_neon.judgments import rejected_settings
from flake8_neon.rules.base import ConninfoStringRule, Invalid, SettingRule


class RejectedTlsSettings(SettingRule, ConninfoStringRule):
    """TLS settings that make the driver refuse to connect at all.

    libpq rejects an unknown sslmode (``verify_full``), a weak sslmode together with
    ``sslrootcert=system`` (libpq 16+: "weak sslmode may not be used with
    sslrootcert=system") and a weak sslmode with ``sslnegotiation=direct``. SQLAlchemy
    hands a ``postgresql+asyncpg://`` or ``postgresql+pg8000://`` URL's query to the driver
    as keyword arguments, and neither driver has an ``sslmode`` or ``sslrootcert``
    parameter (``TypeError: connect() got an unexpected keyword argument 'sslmode'``,
    measured with SQLAlchemy 2.1 and asyncpg 0.32); asyncpg also refuses an ``ssl=`` value
    that is not an sslmode name.

    A failing connection is not insecure, but these are usually a security fix gone wrong.
    Fix: ``sslmode=verify-full`` for libpq (done automatically where the value is a plain
    literal); for asyncpg ``?ssl=verify-full`` or ``connect_args={"ssl": True}``; for pg8000
    ``connect_args={"ssl_context": ssl.create_default_context()}``.
    """

    CODE = "NEO105"
    VALID = (
        "from databases import Database\n"
        'database = Database("postgresql+asyncpg://app@db.example.com/app?ssl=true")',
        'DSN = "postgresql://db.example.com/app?sslrootcert=system"',
        'DSN = "postgresql://db.example.com/app?sslrootcert=system&sslmode=verify-full"',
        'engine = create_async_engine("postgresql+asyncpg://db.example.com/app?ssl=verify-full")',
        'conn = psycopg.connect(host="db.example.com", sslmode="verify-full", sslrootcert="system")',
        'INSECURE = re.compile(r"sslmode=(disable|allow|prefer)")',
        'import psycopg\nconn = psycopg.connect("host=db.example.com sslmode=verify_full", sslmode="verify-full")',
    )
    INVALID = (
        Invalid(
            'DSN = "postgresql://db.example.com/app?sslrootcert=system&sslmode=require"',
            'DSN = "postgresql://db.example.com/app?sslrootcert=system&sslmode=verify-full"',
        ),
        Invalid(
            'DSN = "host=db.example.com sslmode=verify_full"',
            'DSN = "host=db.example.com sslmode=verify-full"',
        ),
        Invalid('engine = create_async_engine("postgresql+asyncpg://db.example.com/app?sslmode=verify-full")'),
        Invalid('engine = create_engine("postgresql+pg8000://db.example.com/app?sslmode=require")'),
        Invalid(
            'conn = psycopg.connect(host="db.example.com", sslmode="require", sslrootcert="system")',
            'conn = psycopg.connect(host="db.example.com", sslmode="verify-full", sslrootcert="system")',
        ),
        Invalid(
            'OPTIONS = {"sslmode": "verify_full"}',
            'OPTIONS = {"sslmode": "verify-full"}',
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        SettingRule.visit_Call(self, node)
        ConninfoStringRule.visit_Call(self, node)

    def check(self, literal: ConninfoLiteral) -> None:
        if self.for_encode_databases(literal):
            return  # encode/databases drops sslmode and turns ssl=true into asyncpg's True
        if literal.string.family == "libpq" and self.overridden(literal):
            return  # the call's sslmode replaces the string's
        judgment = rejected_settings(literal.string)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)
