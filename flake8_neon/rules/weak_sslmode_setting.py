"""NEO103: a keyword argument, dict item or option sets an sslmode weaker than verify-full."""

from __future__ import annotations

import libcst as cst

from flake8_neon.conninfo import SSLMODES, evaluate_tls
from flake8_neon.context import libpq_settings, literal_hosts, read_dict
from flake8_neon.drivers import ASYNCPG_FIX, LIBPQ_FIX
from flake8_neon.literals import literal_value, replace_text
from flake8_neon.rules.base import Invalid, Rule

_WEAK_ASYNCPG_MODES = frozenset(SSLMODES) - {"verify-full"}


class WeakSslmodeSetting(Rule):
    """An sslmode weaker than verify-full given as a value rather than inside a string.

    Covers keyword arguments (``psycopg.connect(..., sslmode="require")``, which override
    the connection string), dict items (``connect_args``, psycopg_pool ``kwargs``,
    ``URL.create(query=...)``, Django ``DATABASES[...]["OPTIONS"]``, dicts passed with
    ``**``), ``params["sslmode"] = ...`` and asyncpg's ``ssl="require"``. The fix sets the
    value to ``"verify-full"`` (asyncpg: ``ssl=True``, its verify-full against the
    system roots); add trusted roots for libpq yourself.
    """

    CODE = "NEO103"
    VALID = (
        'conn = psycopg.connect(host="db.example.com", sslmode="verify-full", sslrootcert="/etc/ssl/ca.pem")',
        'conn = psycopg.connect(host="localhost", sslmode="disable")',
        "conn = psycopg.connect(host=host, sslmode=mode)",
        'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "localhost",'
        ' "OPTIONS": {"sslmode": "prefer"}}}',
        'import asyncpg\nconn = asyncpg.connect("postgresql://db.example.com/app", ssl=True)',
        'ctx = {"ssl": "require"}',
    )
    INVALID = (
        Invalid(
            "from sqlalchemy import make_url\n"
            'url = make_url("postgresql+psycopg://db.example.com/app").set(query={"sslmode": "require"})',
            "from sqlalchemy import make_url\n"
            'url = make_url("postgresql+psycopg://db.example.com/app").set(query={"sslmode": "verify-full"})',
        ),
        Invalid(
            'import psycopg as pg\nconn = pg.connect("postgresql://db.example.com/app", sslmode="require")',
            'import psycopg as pg\nconn = pg.connect("postgresql://db.example.com/app", sslmode="verify-full")',
        ),
        Invalid(
            "engine = create_engine(url, connect_args={'sslmode': 'prefer'})",
            "engine = create_engine(url, connect_args={'sslmode': 'verify-full'})",
        ),
        Invalid(
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
            ' "OPTIONS": {"sslmode": "require"}}}',
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": "db.example.com",'
            ' "OPTIONS": {"sslmode": "verify-full"}}}',
        ),
        Invalid(
            'DATABASES["default"]["OPTIONS"]["sslmode"] = "verify-ca"',
            'DATABASES["default"]["OPTIONS"]["sslmode"] = "verify-full"',
        ),
        Invalid(
            'url = URL.create("postgresql+psycopg", host="db.example.com", query={"sslmode": "allow"})',
            'url = URL.create("postgresql+psycopg", host="db.example.com", query={"sslmode": "verify-full"})',
        ),
        Invalid(
            'import asyncpg\npool = asyncpg.create_pool(host="db.example.com", ssl="require")',
            'import asyncpg\npool = asyncpg.create_pool(host="db.example.com", ssl=True)',
        ),
        Invalid(
            "from sqlalchemy.ext.asyncio import create_async_engine\n"
            'engine = create_async_engine("postgresql+asyncpg://db.example.com/app",'
            ' connect_args={"ssl": "prefer"})',
            "from sqlalchemy.ext.asyncio import create_async_engine\n"
            'engine = create_async_engine("postgresql+asyncpg://db.example.com/app",'
            ' connect_args={"ssl": True})',
        ),
        Invalid('conn = psycopg2.connect(host="db.example.com", requiressl="1")'),
    )

    def visit_Call(self, node: cst.Call) -> None:
        values = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
        api = self.connect_api(node)
        settings = self.call_settings(node, api) if api is not None else None
        hosts = self.call_hosts(settings) if settings is not None else literal_hosts(values.get("host"))
        self._check_libpq(values, hosts)
        if settings is not None and settings.family == "asyncpg" and "ssl" in settings.values:
            self._check_asyncpg(settings.values["ssl"], hosts)

    def visit_Dict(self, node: cst.Dict) -> None:
        items = read_dict(node).items
        host = items.get("host", items.get("HOST"))
        hosts = literal_hosts(host) if host is not None else self.context.dict_hosts.get(id(node))
        self._check_libpq(items, hosts)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            subscript = target.target
            if not isinstance(subscript, cst.Subscript) or len(subscript.slice) != 1:
                continue
            index = subscript.slice[0].slice
            key = literal_value(index.value) if isinstance(index, cst.Index) else None
            if key in ("sslmode", "requiressl"):
                self._check_libpq({str(key): node.value}, None)

    def _check_libpq(self, values: dict[str, cst.BaseExpression], hosts: tuple[str, ...] | None) -> None:
        settings = libpq_settings(values)
        node = settings.sslmode_node
        if node is None or settings.dynamic or self._ignored(hosts):
            return
        verdict = evaluate_tls(settings.params, {})
        if verdict.rejected or verdict.verify_full:
            return
        fix = replace_text(node, "verify-full") if "sslmode" in settings.nodes else None
        self.report(node, f"connection setting: {verdict.reason}; {LIBPQ_FIX}", fix)

    def _check_asyncpg(self, node: cst.BaseExpression, hosts: tuple[str, ...] | None) -> None:
        mode = literal_value(node)
        if mode in _WEAK_ASYNCPG_MODES and not self._ignored(hosts):
            self.report(
                node,
                f"asyncpg ssl={mode!r} works like libpq's sslmode={mode}: it does not verify the "
                f"server's certificate and host name; {ASYNCPG_FIX}",
                cst.Name("True"),
            )

    def _ignored(self, hosts: tuple[str, ...] | None) -> bool:
        return hosts is not None and self.context.settings.ignores_hosts(hosts)
