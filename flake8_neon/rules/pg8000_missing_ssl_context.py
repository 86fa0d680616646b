"""NEO107: a pg8000 connection to a remote host without ssl_context."""

from __future__ import annotations

import libcst as cst

from flake8_neon.context import ConninfoLiteral, literal_hosts
from flake8_neon.drivers import PG8000_FIX
from flake8_neon.judgments import pg8000_default_message, pg8000_url_without_context
from flake8_neon.rules.base import ConninfoStringRule, Invalid


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
        if id(literal.node) in self.context.covered_strings:
            return
        judgment = pg8000_url_without_context(literal.string, self.context.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message)

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
        self.report(node, pg8000_default_message(hosts[0], PG8000_FIX))
