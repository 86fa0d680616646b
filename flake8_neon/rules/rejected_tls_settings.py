"""NEO105: TLS settings the driver refuses, so the connection always fails."""

from __future__ import annotations

import libcst as cst

from flake8_neon.conninfo import evaluate_tls
from flake8_neon.context import ConninfoLiteral, libpq_settings, read_dict
from flake8_neon.judgments import rejected_settings
from flake8_neon.literals import replace_text
from flake8_neon.rules.base import ConninfoStringRule, Invalid


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
        judgment = rejected_settings(literal.string)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)

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
