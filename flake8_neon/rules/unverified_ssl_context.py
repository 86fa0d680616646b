"""NEO104: an asyncpg or pg8000 TLS setting that does not verify the server."""

from __future__ import annotations

import libcst as cst

from flake8_neon.drivers import ASYNCPG_FIX, PG8000_FIX
from flake8_neon.literals import literal_value
from flake8_neon.rules.base import Invalid, Rule


class UnverifiedSslContext(Rule):
    """A driver-level TLS object or flag that leaves the server unverified.

    asyncpg: ``ssl=False`` sends no TLS at all; an ``ssl.SSLContext`` with
    ``check_hostname = False``, ``verify_mode = CERT_NONE``, from
    ``ssl._create_unverified_context()`` or ``ssl.SSLContext(PROTOCOL_TLS)`` verifies
    nothing. (asyncpg's ``ssl=True`` is verify-full and fine.) pg8000 1.31+:
    ``ssl_context=True`` wraps the socket in a default context with ``check_hostname=False``
    and ``CERT_NONE`` (encrypted, never verified); ``ssl_context=False`` sends no TLS.
    Also read through SQLAlchemy ``connect_args``. The fix (asyncpg ``ssl=False`` only)
    sets ``ssl=True``.
    """

    CODE = "NEO104"
    VALID = (
        'import asyncpg\nconn = asyncpg.connect(host="db.example.com", ssl=True)',
        'import ssl, pg8000\nconn = pg8000.connect("app", host="db.example.com",'
        ' ssl_context=ssl.create_default_context(cafile="/etc/ssl/ca.pem"))',
        "import ssl, asyncpg\nctx = ssl.create_default_context()\n"
        'conn = asyncpg.connect(host="db.example.com", ssl=ctx)',
        'import asyncpg\nconn = asyncpg.connect(host="localhost", ssl=False)',
    )
    INVALID = (
        Invalid(
            'import asyncpg\nconn = asyncpg.connect(host="db.example.com", ssl=False)',
            'import asyncpg\nconn = asyncpg.connect(host="db.example.com", ssl=True)',
        ),
        Invalid(
            "import ssl, asyncpg\nctx = ssl.create_default_context()\nctx.check_hostname = False\n"
            "ctx.verify_mode = ssl.CERT_NONE\nconn = asyncpg.connect(host='db.example.com', ssl=ctx)"
        ),
        Invalid('import pg8000\nconn = pg8000.connect("app", host="db.example.com", ssl_context=True)'),
        Invalid(
            "import ssl\nfrom sqlalchemy import create_engine\nengine = create_engine("
            '"postgresql+pg8000://app@db.example.com/app",'
            ' connect_args={"ssl_context": ssl._create_unverified_context()})'
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        api = self.connect_api(node)
        if api is None:
            return
        settings = self.call_settings(node, api)
        hosts = self.call_hosts(settings)
        if hosts is not None and self.context.settings.ignores_hosts(hosts):
            return
        if settings.family == "asyncpg" and "ssl" in settings.values:
            self._check_asyncpg(settings.values["ssl"])
        elif settings.family == "pg8000" and "ssl_context" in settings.values:
            self._check_pg8000(settings.values["ssl_context"])

    def _check_asyncpg(self, node: cst.BaseExpression) -> None:
        if literal_value(node) is False:
            self.report(
                node,
                f"asyncpg ssl=False sends no TLS at all: password and data in plaintext; {ASYNCPG_FIX}",
                cst.Name("True"),
            )
            return
        reason = self.unverified_reason(node)
        if reason:
            self.report(node, f"asyncpg ssl= context does not verify the server ({reason}); {ASYNCPG_FIX}")

    def _check_pg8000(self, node: cst.BaseExpression) -> None:
        value = literal_value(node)
        if value is True:
            reason = (
                "pg8000 1.31+ turns ssl_context=True into a context with check_hostname=False "
                "and CERT_NONE: encrypted, never verified"
            )
        elif value is False:
            reason = "pg8000 ssl_context=False sends no TLS at all: password and data in plaintext"
        else:
            context_reason = self.unverified_reason(node)
            if not context_reason:
                return
            reason = f"pg8000 ssl_context does not verify the server ({context_reason})"
        self.report(node, f"{reason}; {PG8000_FIX}")
