"""NEO107: a pg8000 connection to a remote host without ssl_context."""

from __future__ import annotations

import libcst as cst

from flake8_neon.context import ConninfoLiteral, literal_hosts
from flake8_neon.drivers import PG8000_FIX
from flake8_neon.rules.base import ConninfoStringRule, Invalid

_DEFAULT = (
    "pg8000 without ssl_context tries TLS without verifying anything and silently falls back "
    "to plaintext (pg8000 1.31+; older versions send no TLS at all)"
)


class Pg8000MissingSslContext(ConninfoStringRule):
    """pg8000 connects to a remote host and is never given an ``ssl_context``.

    pg8000 does not read sslmode. Its default (``ssl_context=None``) tries TLS with a
    context that checks neither chain nor host name and falls back to plaintext when the
    server refuses; before 1.31 it sent no TLS at all. Checked: ``pg8000.connect``,
    ``pg8000.native.Connection`` and ``postgresql+pg8000://`` URLs without
    ``connect_args={"ssl_context": ...}``. No automatic fix (it needs ``import ssl``).
    """

    CODE = "NEO107"
    VALID = (
        'import ssl, pg8000\nconn = pg8000.connect("app", host="db.example.com",'
        " ssl_context=ssl.create_default_context())",
        'import pg8000\nconn = pg8000.connect("app", host="localhost")',
        "import ssl\nfrom sqlalchemy import create_engine\n"
        'engine = create_engine("postgresql+pg8000://app@db.example.com/app",'
        ' connect_args={"ssl_context": ssl.create_default_context()})',
    )
    INVALID = (
        Invalid('import pg8000\nconn = pg8000.connect("app", host="ep-cool-1.neon.tech", password=secret)'),
        Invalid('import pg8000.native\nconn = pg8000.native.Connection("app", host="db.example.com")'),
        Invalid(
            'from sqlalchemy import create_engine\nengine = create_engine("postgresql+pg8000://app@db.example.com/app")'
        ),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        hosts = literal.hosts
        if (
            literal.family != "pg8000"
            or not self.context.settings.check_missing_sslmode
            or id(literal.node) in self.context.covered_strings
            or hosts is None
            or self.context.settings.ignores_hosts(hosts)
        ):
            return
        self.report(
            literal.node,
            f"postgresql+pg8000 URL to {hosts[0]}: {_DEFAULT}; pass connect_args="
            "{'ssl_context': ssl.create_default_context()} (or cafile=<path to CA bundle>)",
        )

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        if not self.context.settings.check_missing_sslmode:
            return
        api = self.connect_api(node)
        if api is None or api.family != "pg8000":
            return
        settings = self.call_settings(node, api)
        hosts = literal_hosts(settings.values.get("host"))
        if (
            not settings.complete
            or "ssl_context" in settings.values
            or hosts is None
            or self.context.settings.ignores_hosts(hosts)
        ):
            return
        self.report(node, f"pg8000 connection to {hosts[0]}: {_DEFAULT}; {PG8000_FIX}")
