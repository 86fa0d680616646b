"""NEO106: a connection call, engine, pool or Django database to a remote host with no sslmode."""

from __future__ import annotations

import libcst as cst

from flake8_neon.conninfo import evaluate_tls
from flake8_neon.context import CallSettings, argument, libpq_settings, literal_hosts, read_dict
from flake8_neon.drivers import ASYNCPG_FIX, LIBPQ_FIX, URL_CREATE, drivername_family
from flake8_neon.literals import dotted_name, literal_value
from flake8_neon.rules.base import Invalid, Rule


class MissingSslmodeCall(Rule):
    """A connection to a literal remote host that never says how to use TLS.

    psycopg, psycopg2 and psycopg_pool then use libpq's default ``prefer`` (TLS only if
    offered, silent plaintext fallback, no verification); asyncpg does the same. Checked:
    connect calls and pools with ``host=``, SQLAlchemy ``URL.create(host=...)`` without an
    sslmode in ``query`` or ``connect_args``, and Django ``DATABASES`` entries with a
    ``HOST`` but no ``OPTIONS["sslmode"]``. Strings are NEO102's; a call whose settings
    come partly from unknown places (``**kwargs``) is not reported. No automatic fix:
    add ``sslmode="verify-full"`` and a root source.
    """

    CODE = "NEO106"
    VALID = (
        'import psycopg\nconn = psycopg.connect(host="db.example.com", dbname="app", sslmode="verify-full",'
        ' sslrootcert="/etc/ssl/ca.pem")',
        'import psycopg\nconn = psycopg.connect(host="db.example.com", **options)',
        'import psycopg\nconn = psycopg.connect(host="127.0.0.1", dbname="app")',
        'import psycopg\nparams = {"host": "db.example.com", "sslmode": "verify-full"}\n'
        "conn = psycopg.connect(**params)",
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
        ' "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/ca.pem"}}}',
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}',
    )
    INVALID = (
        Invalid('import psycopg\nconn = psycopg.connect(host="ep-cool-1.neon.tech", dbname="neondb")'),
        Invalid(
            'import psycopg\nparams = {"host": "db.example.com", "dbname": "app"}\nconn = psycopg.connect(**params)'
        ),
        Invalid(
            "from psycopg_pool import ConnectionPool\n"
            'pool = ConnectionPool("dbname=app", kwargs={"host": "db.example.com"})'
        ),
        Invalid('import asyncpg\nconn = asyncpg.connect(host="db.example.com", database="app")'),
        Invalid(
            'from sqlalchemy import URL\nurl = URL.create("postgresql+psycopg", host="db.example.com", database="app")'
        ),
        Invalid(
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
            ' "NAME": "app"}}'
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._django_entries: list[tuple[cst.CSTNode, tuple[str, ...], cst.Dict | None]] = []
        self._databases_changed = False

    def visit_Call(self, node: cst.Call) -> None:
        if not self.context.settings.check_missing_sslmode:
            return
        if self.qualified_name(node.func) in URL_CREATE:
            self._check_url_create(node)
            return
        api = self.connect_api(node)
        if api is None or api.family not in ("libpq", "asyncpg"):
            return
        settings = self.call_settings(node, api)
        if not settings.complete or "host" not in settings.values:
            return
        hosts = literal_hosts(settings.values["host"])
        if hosts is None or self.context.settings.ignores_hosts(hosts):
            return
        if settings.conninfo is not None and not self._conninfo_silent(settings):
            return
        if api.family == "asyncpg":
            if "ssl" not in settings.values:
                self.report(
                    node,
                    f"asyncpg connection to {hosts[0]} sets no ssl: asyncpg then uses prefer, "
                    f"which falls back to plaintext and never verifies the server; {ASYNCPG_FIX}",
                )
            return
        self._report_libpq(node, settings.values, hosts)

    def _conninfo_silent(self, settings: CallSettings) -> bool:
        """True when the connection string is a literal that sets no TLS keyword and no host."""
        literal = self.context.conninfo_literal(settings.conninfo) if settings.conninfo else None
        if literal is None:
            return False
        params = literal.string.conninfo.params
        return not ({"sslmode", "sslrootcert", "ssl"} & params.keys()) and not params.get("host")

    def _report_libpq(self, node: cst.CSTNode, values: dict[str, cst.BaseExpression], hosts: tuple[str, ...]) -> None:
        settings = libpq_settings(values)
        if settings.dynamic:
            return
        verdict = evaluate_tls(settings.params, {})
        if verdict.source == "default":
            self.report(node, f"connection to {hosts[0]}: {verdict.reason}; {LIBPQ_FIX}")

    def _check_url_create(self, node: cst.Call) -> None:
        if id(node) in self.context.covered_strings:
            return
        drivername = literal_value(argument(node, "drivername", 0))
        family = drivername_family(drivername) if isinstance(drivername, str) else None
        hosts = literal_hosts(argument(node, "host", 3))
        if family not in ("libpq", "asyncpg") or hosts is None or self.context.settings.ignores_hosts(hosts):
            return
        query = argument(node, "query", 6)
        values: dict[str, cst.BaseExpression] = {}
        if query is not None:
            tracked = self.literal_dict(query)
            if tracked is None or not tracked.complete:
                return
            values = tracked.items
        if family == "asyncpg":
            if "ssl" not in values:
                self.report(
                    node,
                    f"URL.create() for asyncpg to {hosts[0]} sets no ssl (default prefer, never "
                    f"verifies); {ASYNCPG_FIX}",
                )
            return
        self._report_libpq(node, values, hosts)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._note_databases(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._note_databases(node.target, node.value)

    def _note_databases(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and target.value == "DATABASES" and isinstance(value, cst.Dict):
            for entry in read_dict(value).items.values():
                if isinstance(entry, cst.Dict):
                    self._note_django_entry(entry)
        elif (dotted_name(_subscript_root(target)) or "") == "DATABASES":
            self._databases_changed = True

    def _note_django_entry(self, entry: cst.Dict) -> None:
        items = read_dict(entry).items
        engine = literal_value(items.get("ENGINE"))
        if not isinstance(engine, str) or not engine.endswith(("postgresql", "postgis")) or "HOST" not in items:
            return
        hosts = literal_hosts(items["HOST"])
        if hosts is None or self.context.settings.ignores_hosts(hosts):
            return
        options = items.get("OPTIONS")
        if options is not None and not isinstance(options, cst.Dict):
            return
        self._django_entries.append((items["HOST"], hosts, options))

    def leave_Module(self, original_node: cst.Module) -> None:
        if self._databases_changed or not self.context.settings.check_missing_sslmode:
            return
        for node, hosts, options in self._django_entries:
            values: dict[str, cst.BaseExpression] = {}
            if options is not None:
                tracked = read_dict(options)
                if not tracked.complete:
                    continue
                values = tracked.items
            settings = libpq_settings(values)
            if settings.dynamic:
                continue
            verdict = evaluate_tls(settings.params, {})
            if verdict.source == "default":
                self.report(
                    node, f"Django database on {hosts[0]} has no OPTIONS['sslmode']: {verdict.reason}; {LIBPQ_FIX}"
                )


def _subscript_root(node: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(node, cst.Subscript):
        node = node.value
    return node
