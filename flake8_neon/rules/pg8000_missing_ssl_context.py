"""NEO107: a pg8000 connection to a remote host without ssl_context."""

from __future__ import annotations

import libcst as cst

from flake8_neon.calls import ConninfoLiteral
from flake8_neon.judgments import pg8000_default_message, pg8000_url_without_context
from flake8_neon.rules.base import ConninfoStringRule, Invalid


class Pg8000MissingSslContext(ConninfoStringRule):
    """pg8000 connects to a remote host and is never given an ``ssl_context``.

    pg8000 does not read sslmode. Its default (``ssl_context=None``) tries TLS with a
    context that checks neither chain nor host name and falls back to plaintext when the
    server refuses (pg8000 1.31+; before 1.31 it sent no TLS at all). Checked:
    ``pg8000.connect``, ``pg8000.native.Connection``, ``pg8000.dbapi.Connection``, DBUtils pools whose creator is
    pg8000, and ``postgresql+pg8000://`` URLs not given ``connect_args={"ssl_context":
    ...}``.

    Fix: ``ssl_context=ssl.create_default_context()`` (system roots) or
    ``ssl.create_default_context(cafile=<path to CA bundle>)``: it verifies the chain and
    the host name, and refuses plaintext. No automatic fix (it needs ``import ssl``).
    """

    CODE = "NEO107"
    MISSING_SSLMODE = True
    VALID = (
        'import ssl, pg8000\nconn = pg8000.connect("app", host="db.example.com",'
        " ssl_context=ssl.create_default_context())",
        'import pg8000\nconn = pg8000.connect("app", host="localhost")',
        "import ssl\nfrom sqlalchemy import create_engine\n"
        'engine = create_engine("postgresql+pg8000://app@db.example.com/app",'
        ' connect_args={"ssl_context": ssl.create_default_context()})',
        "import ssl\nfrom sqlalchemy import create_engine\n"
        'PG_URL = "postgresql+pg8000://app@db.example.com/app"\n'
        "engine = create_engine(PG_URL, connect_args={'ssl_context': ssl.create_default_context()})",
    )
    INVALID = (
        Invalid('import pg8000\nconn = pg8000.connect("app", host="ep-cool-1.neon.tech", password=secret)'),
        Invalid('import pg8000.native\nconn = pg8000.native.Connection("app", host="db.example.com")'),
        Invalid('import pg8000.dbapi\nconn = pg8000.dbapi.Connection("app", host="db.example.com", database="app")'),
        Invalid(
            'from sqlalchemy import create_engine\nengine = create_engine("postgresql+pg8000://app@db.example.com/app")'
        ),
        Invalid(
            "import pg8000\nfrom dbutils.pooled_db import PooledDB\n"
            'pool = PooledDB(pg8000.connect, 5, user="app", host="db.example.com", database="app")'
        ),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        if self.overridden(literal, or_unknown=True):
            return
        judgment = pg8000_url_without_context(literal.string, self.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message)

    def visit_Call(self, node: cst.Call) -> None:
        super().visit_Call(node)
        call = self.calls.call(node)
        if call is None or call.family != "pg8000" or not call.complete or "ssl_context" in call.values:
            return
        hosts = self.calls.literal_hosts(call.values["host"]) if "host" in call.values else None
        if hosts is not None and not self.ignores(hosts):
            self.report(node, pg8000_default_message(hosts[0]))
