"""NEO106: a connection call, engine, pool or Django database to a remote host with no sslmode."""

from __future__ import annotations

import libcst as cst

from flake8_neon.calls import ConnectCall
from flake8_neon.conninfo import evaluate_tls
from flake8_neon.drivers import DICT_ENGINES, URL_CREATE, drivername_family, is_django_postgres_engine
from flake8_neon.literals import argument, dotted_name, literal_value
from flake8_neon.rules.base import Invalid, Rule


class MissingSslmodeCall(Rule):
    """A connection to a literal remote host that never says how to use TLS.

    psycopg, psycopg2, psycopg_pool, psycopg2's and DBUtils' pools, aiopg, peewee and Pony
    (``provider="postgres"``) then use libpq's default ``prefer``: TLS only if the server
    offers it, a silent fallback to plaintext, and no verification; asyncpg's default is the
    same (also through Piccolo's ``PostgresEngine(config=...)``). Checked: connection calls
    and pools with a ``host`` (given directly, in a dict passed with ``**``, or in
    ``kwargs=``/``config=``; a fallback such as ``os.getenv("PGHOST", "db.example.com")``
    counts), Tortoise ORM's asyncpg ``credentials`` without ``ssl``, SQLAlchemy
    ``URL.create(host=...)`` without an sslmode in ``query`` (nor one given
    later: ``url.update_query_dict({"sslmode": ...})``, ``url.set(query=...)``), and
    Django ``DATABASES`` entries (PostgreSQL, its old ``postgresql_psycopg2`` name, PostGIS, or a
    backend named after them) with a ``HOST`` but no ``OPTIONS["sslmode"]``. Connection
    strings are NEO102's; a call whose settings come partly from places the module does not
    show (``**kwargs``) is not reported, nor one whose connection string sets TLS.

    No automatic fix: add ``sslmode="verify-full"`` and trusted roots
    (``sslrootcert="<path to CA bundle>"``, or ``"system"`` on libpq 16+); for asyncpg
    ``ssl=True`` or ``ssl=ssl.create_default_context(cafile=...)``.
    """

    CODE = "NEO106"
    MISSING_SSLMODE = True
    VALID = (
        'import psycopg\nconn = psycopg.connect(host="db.example.com", dbname="app", sslmode="verify-full",'
        ' sslrootcert="/etc/ssl/ca.pem")',
        'import psycopg\nconn = psycopg.connect(host="db.example.com", **options)',
        'import psycopg\nconn = psycopg.connect(host="127.0.0.1", dbname="app")',
        'TORTOISE_ORM = {"connections": {"default": {"engine": "tortoise.backends.asyncpg",'
        ' "credentials": {"host": "tortoise.example.com", "database": "app", "ssl": CONTEXT}}}}',
        # the URL's query is given the sslmode afterwards
        "from sqlalchemy import URL\n"
        'url = URL.create("postgresql+psycopg2", host="db.example.com", database="app")\n'
        'url = url.update_query_dict({"sslmode": "verify-full", "sslrootcert": "system"})',
        "from sqlalchemy import URL\n"
        'url = URL.create("postgresql+psycopg2", host="db.example.com", database="app").set(query=TLS_QUERY)',
        'import psycopg\nparams = {"host": "db.example.com", "sslmode": "verify-full"}\n'
        "conn = psycopg.connect(**params)",
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
        ' "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/ca.pem"}}}',
        'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}',
        'DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "HOST": "db.example.com", "NAME": "app"}}',
        'import psycopg\nconn = psycopg.connect("sslmode=verify-full", host="db.example.com")',
        'import os, psycopg2\nconn = psycopg2.connect(host=os.getenv("PGHOST", "localhost"), dbname="app")',
        'from piccolo.engine.postgres import PostgresEngine\nDB = PostgresEngine(config={"host": "localhost"})',
        'from pony.orm import Database\ndb = Database(provider="sqlite", filename="app.sqlite", host="x.example.com")',
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
            "from sqlalchemy import URL\n"
            'url = URL.create("postgresql+psycopg2", host="db.example.com", database="app")\n'
            'url = url.update_query_dict({"application_name": "web"})'
        ),
        Invalid(
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
            ' "NAME": "app"}}'
        ),
        Invalid(
            "from psycopg2 import pool\n"
            'DB_HOST = "reports.example.com"\n'
            'db_pool = pool.SimpleConnectionPool(1, 10, host=DB_HOST, dbname="reports", user="reader")'
        ),
        Invalid(
            "import pgdb\nfrom dbutils.persistent_db import PersistentDB\n"
            'persistent = PersistentDB(pgdb, host="db.example.com", database="app")'
        ),
        # Piccolo's config goes to asyncpg, Pony's keywords to psycopg2
        Invalid(
            "from piccolo.engine.postgres import PostgresEngine\n"
            'DB = PostgresEngine(config={"host": "piccolo.example.com", "database": "app"})'
        ),
        Invalid('from pony import orm\ndb = orm.Database("postgres", host="pony.example.com", database="app")'),
        # aiopg's SQLAlchemy layer hands its keywords to aiopg's pool
        Invalid('from aiopg.sa import create_engine\nengine = create_engine(host="aiopg.example.com", database="app")'),
        # Tortoise ORM hands its credentials to asyncpg
        Invalid(
            'TORTOISE_ORM = {"connections": {"default": {"engine": "tortoise.backends.asyncpg",'
            ' "credentials": {"host": "tortoise.example.com", "database": "app"}}}}'
        ),
        # the host the code connects to when PGHOST is unset
        Invalid(
            "import os, psycopg2\n"
            'conn = psycopg2.connect(host=os.getenv("PGHOST", "db.staging.example.com"), dbname="app")'
        ),
        # the old psycopg2 alias of Django's backend, and wrappers named after it
        Invalid(
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql_psycopg2",'
            ' "HOST": "campus-db.postgres.database.azure.com", "NAME": "campus"}}'
        ),
        Invalid(
            'DATABASES = {"default": {"ENGINE": "django_prometheus.db.backends.postgresql",'
            ' "HOST": "db.example.com", "NAME": "app"}}'
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._django_entries: list[tuple[cst.CSTNode, cst.BaseExpression | None]] = []
        self._databases_changed = False

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.scopes.qualified_name(node.func) in URL_CREATE:
            self._check_url_create(node)
            return
        call = self.calls.call(node)
        if call is None or call.family not in ("libpq", "asyncpg") or not call.complete or "host" not in call.values:
            return
        hosts = self.calls.literal_hosts(call.values["host"])
        if hosts is None or self.ignores(hosts) or not self._conninfo_silent(call):
            return
        if call.family == "asyncpg":
            if "ssl" not in call.values:
                self.report(node, f"asyncpg to {hosts[0]} sets no ssl: its default prefer never verifies; add ssl=True")
            return
        self._report_libpq(node, call.values, f"connection to {hosts[0]}", "sslmode='verify-full'")

    def _conninfo_silent(self, call: ConnectCall) -> bool:
        """True when the call has no connection string, or only ones that set no TLS keyword and no host."""
        if call.conninfo is None:
            return True
        strings = self.calls.conninfo_strings(call.conninfo)
        if not strings:
            return False
        for literal in strings:
            params = literal.string.conninfo.params
            if {"sslmode", "sslrootcert", "ssl", "service"} & params.keys() or params.get("host"):
                return False
        return True

    def _report_libpq(self, node: cst.CSTNode, values: dict[str, cst.BaseExpression], where: str, add: str) -> None:
        params: dict[str, str] = {}
        for keyword in ("sslmode", "requiressl", "sslrootcert", "service"):
            if keyword in values:
                value = literal_value(values[keyword])
                if not isinstance(value, str) or keyword == "service":
                    return  # decided at run time, or by the service file
                params["sslmode" if keyword == "requiressl" else keyword] = value
        if evaluate_tls(params, {}).source == "default":
            self.report(node, f"{where} sets no sslmode: libpq's default prefer never verifies; add {add}")

    def _check_url_create(self, node: cst.Call) -> None:
        destinations = self.calls.destinations(node)
        if destinations and all(
            destination is not None and destination.call.sets_sslmode for destination in destinations
        ):
            return  # the engine given this URL chooses the sslmode itself
        drivername = literal_value(argument(node, "drivername", 0))
        family = drivername_family(drivername) if isinstance(drivername, str) else None
        host = argument(node, "host", 3)
        hosts = self.calls.literal_hosts(host) if host is not None else None
        if family not in ("libpq", "asyncpg") or hosts is None or self.ignores(hosts):
            return
        if self._query_changed_later(node):
            return
        query = argument(node, "query", 6)
        values: dict[str, cst.BaseExpression] = {}
        if query is not None:
            tracked = self.context.values.literal_dict(query)
            if tracked is None or not tracked.complete:
                return
            values = tracked.items
        if family == "asyncpg":
            if "ssl" not in values:
                self.report(node, f"URL.create() for asyncpg to {hosts[0]} sets no ssl (default prefer); add ssl")
            return
        self._report_libpq(node, values, f"URL.create() to {hosts[0]}", "query={'sslmode': 'verify-full'}")

    def visit_Dict(self, node: cst.Dict) -> None:
        """Tortoise ORM: ``{"engine": "tortoise.backends.asyncpg", "credentials": {...}}`` goes to asyncpg."""
        values = self.context.values
        tracked = values.literal_dict(node)
        if tracked is None or DICT_ENGINES.get(str(literal_value(tracked.items.get("engine")))) != "asyncpg":
            return
        credentials = values.literal_dict(tracked.items["credentials"]) if "credentials" in tracked.items else None
        if credentials is None or not credentials.complete or "ssl" in credentials.items:
            return
        host = credentials.items.get("host")
        hosts = self.calls.literal_hosts(host) if host is not None else None
        if host is not None and hosts is not None and not self.ignores(hosts):
            self.report(host, f"asyncpg to {hosts[0]} sets no ssl: its default prefer never verifies; add ssl=True")

    def _query_changed_later(self, url: cst.Call) -> bool:
        """True when the module changes the URL's query in a way that may set the sslmode:
        ``url.update_query_dict({"sslmode": ...})``, ``url.set(query=...)``, ``update_query_string(...)``."""
        values = self.context.values
        for call in values.calls:
            func = call.func
            if not isinstance(func, cst.Attribute) or func.attr.value not in _QUERY_METHODS:
                continue
            change = argument(call, *_QUERY_METHODS[func.attr.value])
            if change is None or not any(candidate.node is url for candidate in values.candidates(func.value)):
                continue
            text = literal_value(change)
            changed = values.literal_dict(change)
            if isinstance(text, str):
                if "sslmode" in text:
                    return True
            elif changed is None or not changed.complete or {"sslmode", "ssl"} & changed.items.keys():
                return True
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._note_databases(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._note_databases(node.target, node.value)

    def _note_databases(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name) and target.value == "DATABASES" and isinstance(value, cst.Dict):
            databases = self.context.values.literal_dict(value)
            for entry in databases.items.values() if databases is not None else ():
                self._note_django_entry(entry)
        elif (dotted_name(_subscript_root(target)) or "") == "DATABASES":
            self._databases_changed = True

    def _note_django_entry(self, entry: cst.BaseExpression) -> None:
        tracked = self.context.values.literal_dict(entry)
        if tracked is None:
            return
        items = tracked.items
        engine = literal_value(items.get("ENGINE"))
        if not isinstance(engine, str) or not is_django_postgres_engine(engine) or "HOST" not in items:
            return
        hosts = self.calls.literal_hosts(items["HOST"])
        if hosts is None or self.ignores(hosts):
            return
        self._django_entries.append((items["HOST"], items.get("OPTIONS")))

    def finish(self) -> None:
        if self._databases_changed:
            return
        for node, options in self._django_entries:
            values: dict[str, cst.BaseExpression] = {}
            if options is not None:
                tracked = self.context.values.literal_dict(options)
                if tracked is None or not tracked.complete:
                    continue
                values = tracked.items
            # reported at its HOST, so the message need not repeat a name that may be long
            self._report_libpq(node, values, "Django database", "OPTIONS={'sslmode': 'verify-full'}")


#: SQLAlchemy ``URL`` methods that return the URL with another query, and their query parameter.
_QUERY_METHODS: dict[str, tuple[str, int | None]] = {
    "set": ("query", None),
    "update_query_dict": ("query_parameters", 0),
    "update_query_pairs": ("key_value_pairs", 0),
    "update_query_string": ("query_string", 0),
}


def _subscript_root(node: cst.BaseExpression) -> cst.BaseExpression:
    while isinstance(node, cst.Subscript):
        node = node.value
    return node
