"""NEO102: a connection string to a remote host sets no sslmode at all."""

from __future__ import annotations

from flake8_neon.calls import ConninfoLiteral
from flake8_neon.judgments import encode_databases_url, missing_sslmode
from flake8_neon.rules.base import ConninfoStringRule, Invalid


class MissingSslmodeString(ConninfoStringRule):
    """A connection string names a remote host but no sslmode.

    libpq then uses its default ``prefer``: TLS only if the server offers it, a silent
    fallback to plaintext when it does not, and no check of who answers, so anyone on the
    network path can read the password or impersonate the server. ``sslrootcert=system``
    (libpq 16+) is the one exception: it makes verify-full the default.

    Also judged: the fallback of an environment variable (``os.getenv("DATABASE_URL",
    "postgresql://...")``, ``os.environ.get(...) or "postgresql://..."``), what the code
    connects with when it is unset; Celery's ``db+postgresql://`` result backend; a URL given to
    encode/databases' ``Database`` without ``?ssl=``: its asyncpg backend passes asyncpg only
    the URL's ``ssl`` option (``true`` means verify-full) and drops ``sslmode``, so
    ``?sslmode=verify-full`` there leaves asyncpg at its default ``prefer``.

    Not reported: local hosts (localhost, loopback addresses, socket paths, an empty host,
    ``--local-hosts``), ``service=`` strings without a host (the service file decides),
    templates whose host is a field (``"postgres://{user}@{host}/{db}"``), and strings that
    only reach connection calls choosing TLS themselves (``psycopg.connect(DSN,
    sslmode="verify-full")``, ``create_engine(URL, connect_args={...})``) or passing settings
    the module does not show (``**options``), nor the URL of a Django ``DATABASES`` entry whose
    ``OPTIONS`` the module gives an sslmode (``DATABASES["default"]["OPTIONS"] = {...}``).

    Fix: add ``sslmode=verify-full`` and trusted roots, ``sslrootcert=<path to CA bundle>``
    (or ``sslrootcert=system`` on libpq 16+; with psycopg-binary also set
    ``SSL_CERT_FILE``). The automatic fix appends ``sslmode=verify-full`` only; without
    roots libpq then fails with "root certificate file ... does not exist", which is the
    point: it no longer connects unverified. In a ``postgresql+asyncpg://`` URL, asyncpg's
    default is ``prefer`` too; add ``ssl=verify-full``.
    """

    CODE = "NEO102"
    MISSING_SSLMODE = True
    VALID = (
        "from sqlalchemy import make_url\n"
        'url = make_url("postgresql+psycopg://db.example.com/app").set(query={"sslmode": "verify-full"})',
        'DSN = "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"',
        'DSN = "postgresql://app@db.example.com/app?sslrootcert=system"',
        'DSN = "postgresql://app@localhost:5432/app"',
        'DSN = "host=/var/run/postgresql dbname=app"',
        'DSN = f"postgresql://app@{host}/app"',
        'DSN = "service=reporting"',
        'import psycopg\nconn = psycopg.connect("postgresql://db.example.com/app", sslmode="verify-full")',
        'from psycopg import connect\nconn = connect("postgresql://db.example.com/app", **settings)',
        'raise ValueError("expected postgresql://db.example.com/app?sslmode=verify-full")',
        # a DSN held in a name, used by calls that set the sslmode
        "import psycopg2\n"
        'DATABASE_URL = "postgresql://app@db.example.com/app"\n'
        "def get_connection():\n"
        '    return psycopg2.connect(DATABASE_URL, sslmode="verify-full", sslrootcert="/etc/ssl/ca.pem")',
        "from psycopg_pool import ConnectionPool\n"
        'CONNINFO = "host=db.example.com dbname=app"\n'
        'pool = ConnectionPool(CONNINFO, kwargs={"sslmode": "verify-full"}, min_size=2)',
        "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
        'URL = "postgresql+asyncpg://app@db.example.com/app"\n'
        'engine = create_async_engine(URL, connect_args={"ssl": ssl.create_default_context()})',
        "import psycopg2\n"
        'DSN = "host=db.example.com dbname=app"\n'
        'TLS = {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/ca.pem"}\n'
        "conn = psycopg2.connect(DSN, **TLS)",
        'def test_url():\n    expected = "postgresql://db.example.com/app"\n    assert build_url() == expected',
        # a settings object: the engine given its URL chooses the sslmode
        "from sqlalchemy import create_engine\n"
        "class Settings:\n"
        '    DATABASE_URL = "postgresql://app@db.example.com/app"\n'
        "settings = Settings()\n"
        'engine = create_engine(settings.DATABASE_URL, connect_args={"sslmode": "verify-full"})',
        # Django: the entry's OPTIONS, set after it is made from the URL, choose the sslmode
        "import dj_database_url\n"
        'DATABASES = {"default": dj_database_url.config(default="postgres://app@db.example.com/app")}\n'
        'DATABASES["default"]["OPTIONS"] = {"sslmode": "verify-full", "sslrootcert": "system"}',
        "import environ\nenv = environ.Env()\n"
        'DATABASES = {"default": env.db("DATABASE_URL", default="postgres://app@db.example.com/app")}\n'
        'DATABASES["default"]["OPTIONS"]["sslmode"] = "verify-full"',
        # ... also made by a (cached) factory function annotated with its class
        "from sqlalchemy import create_engine\n"
        "class Settings:\n"
        '    DATABASE_URL = "postgresql://app@db.example.com/app"\n'
        "def get_settings() -> Settings:\n"
        "    return Settings()\n"
        "settings = get_settings()\n"
        'engine = create_engine(settings.DATABASE_URL, connect_args={"sslmode": "verify-full"})',
        # the fallback of an environment variable, given to an engine that chooses the sslmode
        "import os\nfrom sqlalchemy import create_engine\n"
        'DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://app@db.example.com/app")\n'
        'engine = create_engine(DATABASE_URL, connect_args={"sslmode": "verify-full", "sslrootcert": "system"})',
        # encode/databases hands ssl=True to asyncpg: verify-full
        'import databases\ndatabase = databases.Database("postgresql://app@db.example.com/app", ssl=True)',
        # a template: its fields are unknown
        'DSN_TEMPLATE = "postgres://{user}:{password}@{host}:{port}/{database}"',
        # pieces of one string that verifies
        "import psycopg\n"
        'parts = ["host=db.example.com", "dbname=app", "sslmode=verify-full", "sslrootcert=system"]\n'
        'conn = psycopg.connect(" ".join(parts))',
        # Flask-SQLAlchemy: the engine options beside the URI choose the sslmode
        "class ProductionConfig:\n"
        '    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/app"\n'
        '    SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"sslmode": "verify-full", "sslrootcert": "system"}}',
        "def create_app(app):\n"
        '    app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app@db.example.com/app"\n'
        '    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"sslmode": "verify-full"}}',
        # a module's constant read only by its tests
        'URL = "postgresql://db.example.com/app"\ndef test_url():\n    assert build_url() == URL',
        "import pytest\n"
        'PLAIN = "postgresql://u@h:5432/db"\n'
        '@pytest.mark.parametrize("dsn", [PLAIN])\n'
        "def test_timeout(dsn):\n"
        "    assert effective_timeout(dsn) is None",
    )
    INVALID = (
        Invalid(
            'DSN = "postgresql://app@ep-cool-1.us-east-2.aws.neon.tech/neondb"',
            'DSN = "postgresql://app@ep-cool-1.us-east-2.aws.neon.tech/neondb?sslmode=verify-full"',
        ),
        Invalid(
            "DSN = 'host=db.example.com dbname=app user=app'",
            "DSN = 'host=db.example.com dbname=app user=app sslmode=verify-full'",
        ),
        Invalid(
            'DSN = "postgresql://db.example.com/app?connect_timeout=10"',
            'DSN = "postgresql://db.example.com/app?connect_timeout=10&sslmode=verify-full"',
        ),
        Invalid('DSN = f"postgresql://{user}:{password}@db.example.com/app"'),
        Invalid('DSN = "postgresql://%s@db.example.com/app" % user'),
        Invalid('DSN = "postgresql+asyncpg://db.example.com/app"'),
        Invalid(
            'URL = (\n    "postgresql://app@db.example.com:5432/app"\n    "?application_name=web"\n)',
            'URL = (\n    "postgresql://app@db.example.com:5432/app"\n'
            '    "?application_name=web&sslmode=verify-full"\n)',
        ),
        Invalid('DSN = "hostaddr=203.0.113.7 dbname=app"'),  # verify-full needs host= too: no fix
        # Celery's database result backend: db+ and a SQLAlchemy URL
        Invalid(
            'result_backend = "db+postgresql://celery@pg.example.com/celery"',
            'result_backend = "db+postgresql://celery@pg.example.com/celery?sslmode=verify-full"',
        ),
        # what the code connects with when the variable is unset
        Invalid(
            "import os, psycopg\n"
            'conn = psycopg.connect(os.getenv("DATABASE_URL", "postgresql://app@db.example.com/app"))',
            "import os, psycopg\n"
            'conn = psycopg.connect(os.getenv("DATABASE_URL",'
            ' "postgresql://app@db.example.com/app?sslmode=verify-full"))',
        ),
        Invalid(
            "import os\nfrom playhouse.db_url import connect\n"
            'db = connect(os.environ.get("DATABASE_URL") or "postgresql://app@db.example.com/app")',
            "import os\nfrom playhouse.db_url import connect\n"
            'db = connect(os.environ.get("DATABASE_URL") or "postgresql://app@db.example.com/app?sslmode=verify-full")',
        ),
        # a module's constant only printed here: other modules may import it
        Invalid(
            'DATABASE_URL = "postgresql://app@db.example.com/app"\nprint(DATABASE_URL)',
            'DATABASE_URL = "postgresql://app@db.example.com/app?sslmode=verify-full"\nprint(DATABASE_URL)',
        ),
        # a command-line option's default
        Invalid(
            "import click\n"
            '@click.option("--dsn", default="postgresql://ops@ops.example.com/ops", help="db")\n'
            "def vacuum(dsn):\n"
            "    pass",
            "import click\n"
            '@click.option("--dsn", default="postgresql://ops@ops.example.com/ops?sslmode=verify-full", help="db")\n'
            "def vacuum(dsn):\n"
            "    pass",
        ),
        # another client's options (Prisma's schema=): judged, not rewritten
        Invalid('DATABASE_URL = "postgresql://app@db.example.com/app?schema=public"'),
        # sslrootcert=<path> alone leaves libpq's default prefer
        Invalid(
            'import psycopg\nconn = psycopg.connect("postgresql://db.example.com/app", sslrootcert="/etc/ssl/ca.pem")',
            'import psycopg\nconn = psycopg.connect("postgresql://db.example.com/app?sslmode=verify-full", '
            'sslrootcert="/etc/ssl/ca.pem")',
        ),
        # encode/databases drops the URL's sslmode: asyncpg gets no ssl and uses prefer
        Invalid(
            "from databases import Database\n"
            'database = Database("postgresql://app@db.example.com/app?sslmode=verify-full")'
        ),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        if self.overridden(literal, or_unknown=True):
            return
        if self.for_encode_databases(literal):
            databases = encode_databases_url(literal.string, self.settings)
            if databases is not None and databases.code == self.CODE:
                self.report(literal.node, databases.message)
            return
        judgment = missing_sslmode(literal.string, self.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)
