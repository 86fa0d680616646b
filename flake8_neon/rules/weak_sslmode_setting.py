"""NEO103: a keyword argument, dict item or option sets an sslmode weaker than verify-full."""

from __future__ import annotations

from flake8_neon.rules.base import Invalid, SettingRule


class WeakSslmodeSetting(SettingRule):
    """An sslmode weaker than verify-full given as a value rather than inside a string.

    Found in keyword arguments of connection calls and pools (``psycopg.connect(...,
    sslmode="require")``, psycopg2's ``ThreadedConnectionPool``, DBUtils' ``PooledDB``,
    peewee), which override the connection string whatever it is; in the dicts they are
    given (``**params``, psycopg_pool's ``kwargs=``, SQLAlchemy's ``connect_args=``,
    ``URL.create(query=...)``), followed through names and helper functions of the module;
    in Django's ``DATABASES[...]["OPTIONS"]``, ``params["sslmode"] = ...``,
    ``kwargs.setdefault("sslmode", ...)``, defaults of parameters named for it (``sslmode=``,
    ``ssl_mode=``, ``db_sslmode=``, also Typer's ``typer.Option("require")``; ``ssl=`` when it
    reaches asyncpg's ``ssl``) and other calls' ``sslmode=`` keywords. For asyncpg (also through
    ``create_async_engine(..., connect_args={"ssl": ...})``, whatever the URL) the setting is
    ``ssl=`` with libpq's mode names.

    What each mode does: ``disable`` sends everything in plaintext; ``allow`` tries
    plaintext first; ``prefer`` falls back to plaintext; none of them verifies the
    server. ``require`` encrypts but checks neither chain nor host name; ``verify-ca``
    checks the chain but not the host name. Only verify-full stops an attacker on the path.

    Values are followed through names, class attributes (``Config.SSLMODE``,
    ``self.sslmode``, ``settings.SSLMODE`` with ``settings = Config()``) and helper functions.
    A value chosen at run time from several (``"require" if debug else "verify-full"``)
    is reported only when every choice is weak; one verify-full choice, or one the module
    does not show, keeps it silent. ``None`` is a weak choice: psycopg and psycopg2 drop
    settings that are None, so libpq's default, prefer, applies. An environment variable or configuration read with a
    fallback (``os.getenv("DB_SSLMODE", "require")``, ``os.environ.get(...) or "prefer"``,
    ``config.get("db", "sslmode", fallback="require")``, ``settings.get("sslmode",
    "require")``, ``env.str("DB_SSLMODE", default="require")``, ``config("DB_SSLMODE",
    default="prefer")``) is judged by its fallback: that is
    what the code connects with unless it is configured otherwise. ``options["sslmode"] =
    ...`` made only inside an ``if`` is reported when the call has no connection string (on
    the other paths libpq's default, prefer, applies: every path is weak), not when it has one:
    there the string decides on the other paths.

    The fix sets ``"verify-full"`` (asyncpg: ``ssl=True``, its verify-full against the
    system roots). libpq also needs trusted roots, ``sslrootcert=<path to CA bundle>`` or
    ``sslrootcert="system"`` (libpq 16+), or it fails with "root certificate file ... does
    not exist"; and a host name: with ``hostaddr`` but no ``host`` there is no automatic fix.
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
        "import psycopg\n"
        'def connect(conninfo="", legacy=False, **kwargs):\n'
        "    if legacy:\n"
        '        kwargs.setdefault("sslmode", "require")\n'
        "    return psycopg.connect(conninfo, **kwargs)",
        # the instance is given its own sslmode: the class default is not what connects
        "from dataclasses import dataclass\nimport psycopg\n"
        "@dataclass\n"
        "class Config:\n"
        '    sslmode: str = "require"\n'
        'cfg = Config(sslmode="verify-full")\n'
        'conn = psycopg.connect(host="db.example.com", sslmode=cfg.sslmode, sslrootcert="system")',
        "from decouple import config\nimport psycopg\n"
        'conn = psycopg.connect(config("DATABASE_URL"), sslmode=config("DB_SSLMODE", default="verify-full"),'
        ' sslrootcert="system")',
        "import os, psycopg2\n"
        'SSLMODE = "verify-full" if os.environ.get("PRODUCTION") else "disable"\n'
        "conn = psycopg2.connect(host=os.environ['PGHOST'], sslmode=SSLMODE)",
        'def test_defaults():\n    assert conninfo_to_dict(dsn) == {"host": "db.example.com", "sslmode": "require"}',
        "from psycopg import connect\n"
        "def connect(**kwargs):\n"
        "    return kwargs\n"
        'connect(host="db.example.com", sslmode="require")',
        "import os, psycopg\n"
        'conn = psycopg.connect(os.environ["DSN"], sslmode=os.getenv("DB_SSLMODE", "verify-full"))',
        # set only when a caller asks (dj-database-url's ssl_require): elsewhere the URL decides
        "def config(url, ssl_require=False):\n"
        "    options = parse(url)\n"
        "    if ssl_require:\n"
        '        options["sslmode"] = "require"\n'
        "    return options",
        # an asyncpg pool given a local dsn in its dict of keyword arguments
        "import asyncpg\n"
        'POOL = {"dsn": "postgresql://localhost/app", "ssl": "disable"}\n'
        "pool = asyncpg.create_pool(**POOL)",
        # the items that update a Django entry name its host
        'DATABASES["default"].update({"HOST": "127.0.0.1", "OPTIONS": {"sslmode": "disable"}})',
        # a dict given an sslmode only inside an if, beside a connection string that decides elsewhere
        "import psycopg2\n"
        "def connect_kwargs(settings):\n"
        '    kwargs = {"dbname": "app"}\n'
        "    if settings.ssl:\n"
        '        kwargs["sslmode"] = "require"\n'
        "    return kwargs\n"
        "conn = psycopg2.connect(settings.dsn, **connect_kwargs(settings))",
        "import os, psycopg\n"
        'conn = psycopg.connect(host=os.environ["PGHOST"], sslmode="verify-full" if os.environ.get("SSL") else None,'
        ' sslrootcert="system")',
        # a command-line option's default in a test is test data
        'def test_parser(parser):\n    parser.add_argument("--sslmode", default="require")',
        # a parameter named ssl that is no asyncpg setting
        'import httpx\ndef fetch(url, ssl=False):\n    return httpx.get(url, verify=ssl)',
    )
    INVALID = (
        # None leaves libpq's default, prefer: both choices are weak
        Invalid(
            "import os, psycopg\n"
            'conn = psycopg.connect(host=os.environ["PGHOST"], sslmode="require" if os.environ.get("SSL")'
            " else None)",
            "import os, psycopg\n"
            'conn = psycopg.connect(host=os.environ["PGHOST"], sslmode="verify-full" if os.environ.get("SSL")'
            " else None)",
        ),
        # a helper's dict given an sslmode only inside an if, and no connection string: prefer elsewhere
        Invalid(
            "import psycopg2\n"
            "def connect_kwargs(settings):\n"
            '    kwargs = {"host": settings.host, "dbname": "app"}\n'
            "    if settings.ssl:\n"
            '        kwargs["sslmode"] = "require"\n'
            "    return kwargs\n"
            "conn = psycopg2.connect(**connect_kwargs(settings))",
            "import psycopg2\n"
            "def connect_kwargs(settings):\n"
            '    kwargs = {"host": settings.host, "dbname": "app"}\n'
            "    if settings.ssl:\n"
            '        kwargs["sslmode"] = "verify-full"\n'
            "    return kwargs\n"
            "conn = psycopg2.connect(**connect_kwargs(settings))",
        ),
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
        # whatever the URL is, only asyncpg takes ssl= in connect_args
        Invalid(
            "from sqlalchemy.ext.asyncio import create_async_engine\n"
            "from app.config import settings\n"
            'engine = create_async_engine(settings.DATABASE_URL or "", connect_args={"ssl": "disable"})',
            "from sqlalchemy.ext.asyncio import create_async_engine\n"
            "from app.config import settings\n"
            'engine = create_async_engine(settings.DATABASE_URL or "", connect_args={"ssl": True})',
        ),
        Invalid('conn = psycopg2.connect(host="db.example.com", requiressl="1")'),
        # psycopg2 pools pass everything after minconn and maxconn to psycopg2.connect
        Invalid(
            "from psycopg2.pool import ThreadedConnectionPool\n"
            "pool = ThreadedConnectionPool(1, 20, host=config.DB_HOST, dbname=config.DB_NAME, sslmode='prefer')",
            "from psycopg2.pool import ThreadedConnectionPool\n"
            "pool = ThreadedConnectionPool(1, 20, host=config.DB_HOST, dbname=config.DB_NAME, sslmode='verify-full')",
        ),
        # DBUtils hands the keywords to the creator's connect
        Invalid(
            "import psycopg2\nfrom dbutils.pooled_db import PooledDB\n"
            "POOL_OPTIONS = dict(host=settings.db_host, dbname='app', sslmode='require')\n"
            "pool = PooledDB(psycopg2, maxconnections=8, **POOL_OPTIONS)",
            "import psycopg2\nfrom dbutils.pooled_db import PooledDB\n"
            "POOL_OPTIONS = dict(host=settings.db_host, dbname='app', sslmode='verify-full')\n"
            "pool = PooledDB(psycopg2, maxconnections=8, **POOL_OPTIONS)",
        ),
        # followed through a name and a helper function of the module
        Invalid(
            "import psycopg2\n"
            'MODE = "require"\n'
            "def connect_args():\n"
            '    return {"sslmode": MODE, "connect_timeout": 10}\n'
            "conn = psycopg2.connect(host=HOST, **connect_args())",
            "import psycopg2\n"
            'MODE = "verify-full"\n'
            "def connect_args():\n"
            '    return {"sslmode": MODE, "connect_timeout": 10}\n'
            "conn = psycopg2.connect(host=HOST, **connect_args())",
        ),
        # every branch is weak
        Invalid(
            "import os, psycopg\n"
            'conn = psycopg.connect(os.environ["DSN"], sslmode="require" if os.environ.get("CI") else "prefer")',
            "import os, psycopg\n"
            'conn = psycopg.connect(os.environ["DSN"], sslmode="verify-full" if os.environ.get("CI")'
            ' else "verify-full")',
        ),
        Invalid(
            "import psycopg2\n"
            'def get_connection(host, sslmode="require"):\n'
            "    return psycopg2.connect(host=host, sslmode=sslmode)",
            "import psycopg2\n"
            'def get_connection(host, sslmode="verify-full"):\n'
            "    return psycopg2.connect(host=host, sslmode=sslmode)",
        ),
        # verify-full with hostaddr alone is refused: no fix, the message says to add host=
        Invalid('import psycopg\nconn = psycopg.connect(hostaddr="203.0.113.7", dbname="app", sslmode="require")'),
        # the fallback is what the code connects with when the variable is unset
        Invalid(
            "import os, psycopg2\n"
            'conn = psycopg2.connect(os.environ["DSN"], sslmode=os.getenv("DB_SSLMODE", "require"))',
            "import os, psycopg2\n"
            'conn = psycopg2.connect(os.environ["DSN"], sslmode=os.getenv("DB_SSLMODE", "verify-full"))',
        ),
        Invalid(
            "import os, psycopg\n"
            'sslmode = os.environ.get("DB_SSLMODE") or "prefer"\n'
            'conn = psycopg.connect(os.environ["DSN"], sslmode=sslmode)',
            "import os, psycopg\n"
            'sslmode = os.environ.get("DB_SSLMODE") or "verify-full"\n'
            'conn = psycopg.connect(os.environ["DSN"], sslmode=sslmode)',
        ),
        Invalid(
            "import psycopg\n"
            'conn = psycopg.connect(config["db"]["dsn"], sslmode=config.get("db", "sslmode", fallback="require"))',
            "import psycopg\n"
            'conn = psycopg.connect(config["db"]["dsn"], sslmode=config.get("db", "sslmode", fallback="verify-full"))',
        ),
        # a dict of settings read with a fallback
        Invalid(
            "import psycopg2\n"
            'conn = psycopg2.connect(host=DATABASE["host"], sslmode=DATABASE.get("sslmode", "require"))',
            "import psycopg2\n"
            'conn = psycopg2.connect(host=DATABASE["host"], sslmode=DATABASE.get("sslmode", "verify-full"))',
        ),
        # a settings class read as Config.NAME
        Invalid(
            "import psycopg2\n"
            "class DatabaseConfig:\n"
            '    HOST = "pg.example.com"\n'
            '    SSLMODE = "allow"\n'
            "conn = psycopg2.connect(host=DatabaseConfig.HOST, sslmode=DatabaseConfig.SSLMODE)",
            "import psycopg2\n"
            "class DatabaseConfig:\n"
            '    HOST = "pg.example.com"\n'
            '    SSLMODE = "verify-full"\n'
            "conn = psycopg2.connect(host=DatabaseConfig.HOST, sslmode=DatabaseConfig.SSLMODE)",
        ),
        # query parameters encoded into the URL the call is given
        Invalid(
            "import psycopg2\nfrom urllib.parse import urlencode\n"
            'params = urlencode({"sslmode": "require", "application_name": "worker"})\n'
            'conn = psycopg2.connect(f"postgresql://{DB_HOST}/app?{params}")',
            "import psycopg2\nfrom urllib.parse import urlencode\n"
            'params = urlencode({"sslmode": "verify-full", "application_name": "worker"})\n'
            'conn = psycopg2.connect(f"postgresql://{DB_HOST}/app?{params}")',
        ),
        # a service file gives the host: the keyword's weak mode still counts
        Invalid(
            'import psycopg\nconn = psycopg.connect(service="analytics", sslmode="prefer")',
            'import psycopg\nconn = psycopg.connect(service="analytics", sslmode="verify-full")',
        ),
        # connect_args of a call that builds the engine elsewhere: only asyncpg takes ssl
        Invalid(
            "from sqlalchemy.ext.asyncio import async_engine_from_config\n"
            'engine = async_engine_from_config(config, prefix="sqlalchemy.", connect_args={"ssl": "require"})',
            "from sqlalchemy.ext.asyncio import async_engine_from_config\n"
            'engine = async_engine_from_config(config, prefix="sqlalchemy.", connect_args={"ssl": True})',
        ),
        # Pony passes its keywords to psycopg2, also through bind()
        Invalid(
            "from pony.orm import Database\n"
            "db = Database()\n"
            'db.bind(provider="postgres", host=DB_HOST, database="app", sslmode="require")',
            "from pony.orm import Database\n"
            "db = Database()\n"
            'db.bind(provider="postgres", host=DB_HOST, database="app", sslmode="verify-full")',
        ),
        # a command-line option's default is what the script connects with unless it is given
        Invalid(
            "import argparse, psycopg2\n"
            "parser = argparse.ArgumentParser()\n"
            'parser.add_argument("--sslmode", default="require")\n'
            "args = parser.parse_args()\n"
            "conn = psycopg2.connect(host=args.host, sslmode=args.sslmode)",
            "import argparse, psycopg2\n"
            "parser = argparse.ArgumentParser()\n"
            'parser.add_argument("--sslmode", default="verify-full")\n'
            "args = parser.parse_args()\n"
            "conn = psycopg2.connect(host=args.host, sslmode=args.sslmode)",
        ),
        # Typer: the option's default, and asyncpg's ssl= given as a parameter with a default
        Invalid(
            "import psycopg, typer\n"
            'def main(dsn: str, sslmode: str = typer.Option("prefer")):\n'
            "    return psycopg.connect(dsn, sslmode=sslmode)",
            "import psycopg, typer\n"
            'def main(dsn: str, sslmode: str = typer.Option("verify-full")):\n'
            "    return psycopg.connect(dsn, sslmode=sslmode)",
        ),
        Invalid(
            "import asyncpg\n"
            'async def connect(dsn, ssl="require"):\n'
            "    return await asyncpg.connect(dsn, ssl=ssl)",
            "import asyncpg\n"
            "async def connect(dsn, ssl=True):\n"
            "    return await asyncpg.connect(dsn, ssl=ssl)",
        ),
        # Flask-SQLAlchemy: the engine options' connect_args override the URI beside them
        Invalid(
            "class Config:\n"
            '    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/app"\n'
            '    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "connect_args": {"sslmode": "require"}}',
            "class Config:\n"
            '    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/app"\n'
            '    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "connect_args": {"sslmode": "verify-full"}}',
        ),
        # the dsn among asyncpg's keyword arguments in a dict
        Invalid(
            "import os, asyncpg\n"
            'POOL = {"dsn": os.environ["DATABASE_URL"], "min_size": 1, "ssl": "require"}\n'
            "pool = asyncpg.create_pool(**POOL)",
            "import os, asyncpg\n"
            'POOL = {"dsn": os.environ["DATABASE_URL"], "min_size": 1, "ssl": True}\n'
            "pool = asyncpg.create_pool(**POOL)",
        ),
        # a setting read by name with a fallback (environs, python-decouple): the fallback is what connects
        Invalid(
            "from environs import Env\n"
            "env = Env()\n"
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": env.str("DB_HOST"),'
            ' "OPTIONS": {"sslmode": env.str("DB_SSLMODE", default="require")}}}',
            "from environs import Env\n"
            "env = Env()\n"
            'DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "HOST": env.str("DB_HOST"),'
            ' "OPTIONS": {"sslmode": env.str("DB_SSLMODE", default="verify-full")}}}',
        ),
        Invalid(
            "from decouple import config\nimport psycopg\n"
            'conn = psycopg.connect(config("DATABASE_URL"), sslmode=config("DB_SSLMODE", default="prefer"))',
            "from decouple import config\nimport psycopg\n"
            'conn = psycopg.connect(config("DATABASE_URL"), sslmode=config("DB_SSLMODE", default="verify-full"))',
        ),
        # a config class's default reaches the call through a parameter annotated with it
        Invalid(
            "import psycopg\nfrom pydantic import BaseModel\n"
            "class DBConfig(BaseModel):\n"
            "    host: str\n"
            '    sslmode: str = "require"\n'
            "def connect(cfg: DBConfig):\n"
            "    return psycopg.connect(host=cfg.host, sslmode=cfg.sslmode)",
            "import psycopg\nfrom pydantic import BaseModel\n"
            "class DBConfig(BaseModel):\n"
            "    host: str\n"
            '    sslmode: str = "verify-full"\n'
            "def connect(cfg: DBConfig):\n"
            "    return psycopg.connect(host=cfg.host, sslmode=cfg.sslmode)",
        ),
        # or as a dict of its fields (dataclasses.asdict, vars, model_dump)
        Invalid(
            "from dataclasses import asdict, dataclass\nimport psycopg2\n"
            "@dataclass\n"
            "class PostgresConfig:\n"
            '    host: str = "db.example.com"\n'
            '    sslmode: str = "prefer"\n'
            "conn = psycopg2.connect(**asdict(PostgresConfig()))",
            "from dataclasses import asdict, dataclass\nimport psycopg2\n"
            "@dataclass\n"
            "class PostgresConfig:\n"
            '    host: str = "db.example.com"\n'
            '    sslmode: str = "verify-full"\n'
            "conn = psycopg2.connect(**asdict(PostgresConfig()))",
        ),
        # a default put into the settings a wrapper passes on: used unless the caller gives one
        Invalid(
            "import psycopg\n"
            'def connect(conninfo="", **kwargs):\n'
            '    kwargs.setdefault("sslmode", "prefer")\n'
            "    return psycopg.connect(conninfo, **kwargs)",
            "import psycopg\n"
            'def connect(conninfo="", **kwargs):\n'
            '    kwargs.setdefault("sslmode", "verify-full")\n'
            "    return psycopg.connect(conninfo, **kwargs)",
        ),
        # an enum member and its value
        Invalid(
            "from enum import Enum\nimport psycopg\n"
            "class SSLMode(str, Enum):\n"
            '    REQUIRE = "require"\n'
            "conn = psycopg.connect(dsn, sslmode=SSLMode.REQUIRE.value)",
            "from enum import Enum\nimport psycopg\n"
            "class SSLMode(str, Enum):\n"
            '    REQUIRE = "verify-full"\n'
            "conn = psycopg.connect(dsn, sslmode=SSLMode.REQUIRE.value)",
        ),
        # a parameter named for the sslmode, whatever its spelling
        Invalid(
            "import psycopg2\n"
            'def get_conn(host, ssl_mode="require"):\n'
            "    return psycopg2.connect(host=host, sslmode=ssl_mode)",
            "import psycopg2\n"
            'def get_conn(host, ssl_mode="verify-full"):\n'
            "    return psycopg2.connect(host=host, sslmode=ssl_mode)",
        ),
    )
