"""NEO105: TLS settings the driver refuses, so the connection always fails."""

from __future__ import annotations

import re

import libcst as cst

from flake8_neon.conninfo import SSLMODES, evaluate_tls
from flake8_neon.context import ConninfoLiteral, libpq_settings, read_dict
from flake8_neon.drivers import ASYNCPG_URL_FIX
from flake8_neon.literals import replace_text
from flake8_neon.rules.base import ConninfoStringRule, Invalid

_PG8000_URL_KEYS = ("sslmode", "requiressl", "sslrootcert", "ssl")
#: A mistyped sslmode is a word (``verify_full``); anything else (``(disable|allow)``) is a
#: pattern or a template in a string that only looks like a connection string.
_WORD = re.compile(r"[A-Za-z0-9_-]*")


class RejectedTlsSettings(ConninfoStringRule):
    """TLS settings that make the driver refuse to connect at all.

    libpq rejects an unknown sslmode (``verify_full``), a weak sslmode together with
    ``sslrootcert=system`` (libpq 16+) and a weak sslmode with ``sslnegotiation=direct``.
    SQLAlchemy hands a ``postgresql+asyncpg://`` or ``postgresql+pg8000://`` URL's query
    to the driver as keyword arguments, and neither driver has an ``sslmode`` or
    ``sslrootcert`` parameter (``TypeError: connect() got an unexpected keyword argument
    'sslmode'``, measured with SQLAlchemy 2.1 and asyncpg 0.32). A failing connection is
    not insecure, but these are usually a security fix gone wrong; the fix, where one is
    offered, sets ``sslmode=verify-full``.
    """

    CODE = "NEO105"
    VALID = (
        'DSN = "postgresql://db.example.com/app?sslrootcert=system"',
        'DSN = "postgresql://db.example.com/app?sslrootcert=system&sslmode=verify-full"',
        'engine = create_async_engine("postgresql+asyncpg://db.example.com/app?ssl=verify-full")',
        'conn = psycopg.connect(host="db.example.com", sslmode="verify-full", sslrootcert="system")',
        'INSECURE = re.compile(r"sslmode=(disable|allow|prefer)")',
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

    def check(self, literal: ConninfoLiteral) -> None:
        params = literal.conninfo.params
        if literal.family == "libpq":
            if any(literal.known(key) is None for key in ("sslmode", "sslrootcert", "sslnegotiation") if key in params):
                return
            verdict = literal.conninfo.tls({})
            if verdict.rejected and _WORD.fullmatch(verdict.sslmode):
                self.report(literal.node, f"connection string: {verdict.reason}", literal.fixed())
        elif literal.family == "asyncpg":
            self._check_asyncpg_url(literal, params)
        elif literal.family == "pg8000":
            found = [key for key in _PG8000_URL_KEYS if key in params]
            if found:
                self.report(
                    literal.node,
                    f"postgresql+pg8000 URL sets {found[0]}: SQLAlchemy passes it to pg8000.connect(), "
                    "which has no such parameter (TypeError); pass "
                    "connect_args={'ssl_context': ssl.create_default_context()} instead",
                )

    def _check_asyncpg_url(self, literal: ConninfoLiteral, params: dict[str, str]) -> None:
        for key in ("sslmode", "sslrootcert", "requiressl"):
            if key in params:
                self.report(
                    literal.node,
                    f"postgresql+asyncpg URL sets {key}: SQLAlchemy passes it to asyncpg.connect(), "
                    f"which has no {key} parameter (TypeError: unexpected keyword argument); "
                    f"{ASYNCPG_URL_FIX}",
                )
                return
        mode = literal.known("ssl")
        if mode is not None and mode not in SSLMODES:
            self.report(
                literal.node,
                f"postgresql+asyncpg URL sets ssl={mode}: asyncpg accepts only an sslmode name "
                f"there and refuses to connect; {ASYNCPG_URL_FIX}",
            )

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        values = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
        self._check_settings(values)

    def visit_Dict(self, node: cst.Dict) -> None:
        self._check_settings(read_dict(node).items)

    def _check_settings(self, values: dict[str, cst.BaseExpression]) -> None:
        settings = libpq_settings(values)
        node = settings.sslmode_node
        if node is None or settings.dynamic:
            return
        verdict = evaluate_tls(settings.params, {})
        if verdict.rejected:
            fix = replace_text(node, "verify-full") if "sslmode" in settings.nodes else None
            self.report(node, f"connection settings: {verdict.reason}", fix)
