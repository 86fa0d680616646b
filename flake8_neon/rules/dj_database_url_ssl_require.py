"""NEO109: dj_database_url's ssl_require=True forces sslmode=require."""

from __future__ import annotations

import libcst as cst

from flake8_neon.drivers import DJ_DATABASE_URL
from flake8_neon.literals import argument, literal_value
from flake8_neon.rules.base import Invalid, Rule


class DjDatabaseUrlSslRequire(Rule):
    """``dj_database_url.config(ssl_require=True)`` or ``parse(..., ssl_require=True)``.

    dj-database-url copies the URL's query into ``OPTIONS`` and then sets
    ``OPTIONS["sslmode"] = "require"``, so even a ``DATABASE_URL`` that says
    ``sslmode=verify-full`` is downgraded to require: encrypted, but neither the chain nor
    the host name is checked, so anyone on the network path can impersonate the server
    (measured with dj-database-url 3.1).

    ``ssl_require`` given as an expression (``ssl_require=not DEBUG``) is reported too: wherever
    it is true it forces require, and where it is false the URL decides, so it can only weaken
    the connection.

    No automatic fix: remove ``ssl_require`` and put ``sslmode=verify-full`` and trusted
    roots (``sslrootcert=<path to CA bundle>``, or ``sslrootcert=system`` on libpq 16+) in
    ``DATABASE_URL``, or in the entry's ``OPTIONS``.
    """

    CODE = "NEO109"
    VALID = (
        "import dj_database_url\nDATABASES = {'default': dj_database_url.config()}",
        "import dj_database_url\nDATABASES = {'default': dj_database_url.config(ssl_require=False)}",
        "import dj_database_url\nSSL = False\nDATABASES = {'default': dj_database_url.config(ssl_require=SSL)}",
    )
    INVALID = (
        Invalid(
            "import dj_database_url\n"
            "DATABASES = {'default': dj_database_url.config(conn_max_age=600, ssl_require=True)}"
        ),
        Invalid("from dj_database_url import parse\nDATABASES = {'default': parse(url, ssl_require=True)}"),
        # true in production: require there
        Invalid(
            "import os, dj_database_url\n"
            "DEBUG = os.environ.get('DEBUG') == '1'\n"
            "DATABASES = {'default': dj_database_url.parse(os.environ['DATABASE_URL'], ssl_require=not DEBUG)}"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.scopes.qualified_name(node.func) not in DJ_DATABASE_URL:
            return
        flag = argument(node, "ssl_require")
        if flag is None:
            return
        values = [literal_value(candidate.node) for candidate in self.context.values.candidates(flag)]
        if all(value is False or value is None for value in values):
            return
        spelled = "ssl_require=True" if values == [True] else "ssl_require"
        message = f"{spelled} forces sslmode=require, which never verifies the server; drop it, use verify-full"
        self.report(flag, message)
