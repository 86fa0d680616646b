"""NEO101: a connection string sets an sslmode weaker than verify-full."""

from __future__ import annotations

from flake8_neon.calls import ConninfoLiteral
from flake8_neon.judgments import encode_databases_url, weak_sslmode
from flake8_neon.rules.base import ConninfoStringRule, Invalid


class WeakSslmodeString(ConninfoStringRule):
    """A connection URI or key/value string asks for less than ``sslmode=verify-full``.

    What libpq does with each weaker mode:

    - ``disable``: never uses TLS; the password and every query cross the network in plaintext.
    - ``allow``: tries plaintext first, uses TLS only if the server insists, never verifies it.
    - ``prefer`` (libpq's default): uses TLS if the server offers it, silently falls back to
      plaintext otherwise, never verifies the server.
    - ``require`` (also spelled ``requiressl=1``, or ``ssl=true`` in a URI): encrypts, but
      checks neither the certificate chain (unless a root certificate file exists) nor the
      host name, so anyone on the network path can impersonate the server.
    - ``verify-ca``: checks the chain but not the host name: any certificate from a trusted
      CA, issued for any other host, is accepted.

    Only ``verify-full`` checks the chain and that the certificate names the host dialled.
    It needs trusted roots, or every connection fails with "root certificate file ... does
    not exist": add ``sslrootcert=<path to CA bundle>`` (e.g.
    ``/etc/ssl/certs/ca-certificates.crt``; Neon's certificates come from Let's Encrypt), or
    ``sslrootcert=system`` on libpq 16+ (psycopg-binary also needs
    ``SSL_CERT_FILE=<system bundle>``). verify-full also needs a host *name*: a string with
    ``hostaddr`` but no ``host`` is not fixed automatically; add ``host=``.

    A string put together from pieces is judged as a whole, where it is put together: the
    pieces of an f-string or ``.format`` filled from the module's names, a joined list, a
    URL only known at run time given ``+ "?sslmode=require"`` or ``url += "..."``. Unknown
    parts stay unknown: a static weak sslmode still counts, unless an unknown part written
    after it may set another.

    A string that only reaches connection calls setting ``sslmode`` themselves is not
    reported: the call's keyword wins, and is judged there (NEO103). Nor is a string that
    is an alternative to a verify-full one (``PROD_URL if prod else DEV_URL``), or that is
    only compared, logged or handed to a function of the module that never connects, nor
    test data: cases of a test's decorators (``@pytest.mark.parametrize``), and values that
    tests, test classes and fixtures hand to code other than a connection call.

    In a SQLAlchemy ``postgresql+asyncpg://`` URL the setting is asyncpg's ``ssl=``, with
    the same meanings; use ``ssl=verify-full``.

    The fix rewrites the setting to ``sslmode=verify-full`` inside the literal(s), keeping
    everything else as written; add trusted roots yourself.
    """

    CODE = "NEO101"
    VALID = (
        # encode/databases turns ?ssl=true into asyncpg's ssl=True: verify-full
        "from databases import Database\n"
        'database = Database("postgresql://app@db.example.com/app?ssl=true")',
        "import os\n"
        'URL_TEMPLATE = "postgresql://{user}@{host}/app?sslmode={mode}"\n'
        'DATABASE_URL = URL_TEMPLATE.format(user="app", host=os.environ["DB_HOST"], mode="verify-full")',
        "from sqlalchemy import make_url\n"
        'url = make_url("postgresql://db.example.com/app?sslmode=require").set(query={"sslmode": "verify-full"})',
        'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"',
        'DSN = "host=ep-cool-1.neon.tech dbname=neondb sslmode=verify-full sslrootcert=system"',
        'DSN = "postgresql://app@localhost/test?sslmode=disable"',
        'DSN = f"postgresql://{user}@db.example.com/app?sslmode={mode}"',
        'def f():\n    """Do not use postgresql://db.example.com/app?sslmode=require."""',
        'log.info("postgresql://db.example.com/app?sslmode=require")',
        'DSN = "mysql://db.example.com/app?sslmode=require"',
        # the call's keyword overrides the string's sslmode wherever the string goes
        "import psycopg2\n"
        'LEGACY_DSN = "host=db.example.com dbname=app sslmode=require"\n'
        "def connect():\n"
        '    return psycopg2.connect(LEGACY_DSN, sslmode="verify-full", sslrootcert="/etc/ssl/ca.pem")',
        # one branch demands verify-full: the other is for local development
        "import os\n"
        'DSN = ("postgresql://db.example.com/app?sslmode=verify-full" if os.environ.get("PROD")\n'
        '       else "postgresql://dev.example.com/app?sslmode=prefer")',
        # test data: compared, asserted, used as keys, handed to a parser that does not connect
        'def test_parse():\n    assert parse(url) == "postgresql://db.example.com/app?sslmode=require"',
        'class T(TestCase):\n    def test(self):\n        self.assertEqual(url, "host=db.example.com sslmode=allow")',
        'EXPECTED = {"postgresql://db.example.com/app?sslmode=require": "require"}',
        'if url.startswith("postgresql://db.example.com/app?sslmode=disable"):\n    pass',
        "from psycopg import connect\n"
        "def connect(dsn, **options):\n"
        "    calls.append((dsn, options))\n"
        'connect("postgresql://db.example.com/app?sslmode=require")',
        # test data: parametrized cases, values handed to the code under test, tables of a test class
        "import pytest\n"
        '@pytest.mark.parametrize("url", [("postgresql://db.example.com/app?sslmode=require", False)])\n'
        "def test_is_secure(url):\n"
        "    assert not is_secure(url)",
        "def test_parse():\n"
        '    parsed = parse_url("postgresql://db.example.com/app?sslmode=require")\n'
        '    assert parsed.sslmode == "require"',
        "import unittest\n"
        "class ParamsTest(unittest.TestCase):\n"
        '    CASES = [{"dsn": "postgresql://db.example.com/app?sslmode=prefer", "host": "db.example.com"}]\n'
        "    def test_cases(self):\n"
        "        for case in self.CASES:\n"
        "            self.check(case)",
        "import pytest\n"
        "@pytest.fixture\n"
        "def dsn():\n"
        '    return "postgresql://db.example.com/app?sslmode=require"',
        # a later unknown part may set the sslmode again
        'DSN = f"sslmode=require {extra_settings}"',
    )
    INVALID = (
        Invalid(
            'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=require"',
            'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=verify-full"',
        ),
        Invalid(
            "DSN = 'host=db.example.com dbname=app sslmode=verify-ca'",
            "DSN = 'host=db.example.com dbname=app sslmode=verify-full'",
        ),
        Invalid(
            'DSN = "postgres://db.example.com/app?ssl=true"',
            'DSN = "postgres://db.example.com/app?sslmode=verify-full"',
        ),
        Invalid(
            'DSN = "host=db.example.com requiressl=1"',
            'DSN = "host=db.example.com sslmode=verify-full"',
        ),
        Invalid(
            'DSN = "postgresql://db.example.com/app?sslmode=verify-full&sslmode=prefer"',
            'DSN = "postgresql://db.example.com/app?sslmode=verify-full&sslmode=verify-full"',
        ),
        Invalid('DSN = f"postgresql://{user}:{password}@db.example.com/app?sslmode=require"'),
        Invalid(
            'DSN = ("postgresql://db.example.com/app"  # split over lines\n       "?sslmode=disable")',
            'DSN = ("postgresql://db.example.com/app"  # split over lines\n       "?sslmode=verify-full")',
        ),
        Invalid(
            'DSN = (\n    "postgresql://db.example.com/app?sslmode=require"\n)',
            'DSN = (\n    "postgresql://db.example.com/app?sslmode=verify-full"\n)',
        ),
        Invalid('DSN = "postgresql://db.example.com/app" "?sslmode=dis\\x61ble"'),  # escapes: not fixed
        Invalid('engine = create_async_engine("postgresql+asyncpg://db.example.com/app?ssl=require")'),
        # a service file gives the host: the explicit weak mode still counts
        Invalid('DSN = "service=reporting sslmode=require"', 'DSN = "service=reporting sslmode=verify-full"'),
        # verify-full without a host name is refused by libpq: no fix, the message says to add host=
        Invalid('DSN = "hostaddr=203.0.113.7 dbname=app sslmode=require"'),
        # another client's options (Prisma's pgbouncer=true, connection_limit): judged, not rewritten
        Invalid('DATABASE_URL = "postgresql://app@ep-x-pooler.neon.tech/neondb?sslmode=require&pgbouncer=true"'),
        # asyncpg sends unknown query options as server settings, whatever their case
        Invalid('DSN = "postgres://svc@events.example.com/events?sslmode=require&TimeZone=UTC"'),
        # every branch is weak
        Invalid(
            "import os\n"
            'DSN = ("postgresql://db.example.com/app?sslmode=require" if os.environ.get("PROD")\n'
            '       else "postgresql://dev.example.com/app?sslmode=prefer")',
            "import os\n"
            'DSN = ("postgresql://db.example.com/app?sslmode=verify-full" if os.environ.get("PROD")\n'
            '       else "postgresql://dev.example.com/app?sslmode=verify-full")',
        ),
        # the string is also used where nothing overrides it
        Invalid(
            "import psycopg2\n"
            'DSN = "host=db.example.com dbname=app sslmode=require"\n'
            'admin = psycopg2.connect(DSN, sslmode="verify-full")\n'
            "reports = psycopg2.connect(DSN)",
            "import psycopg2\n"
            'DSN = "host=db.example.com dbname=app sslmode=verify-full"\n'
            'admin = psycopg2.connect(DSN, sslmode="verify-full")\n'
            "reports = psycopg2.connect(DSN)",
        ),
        # a settings class whose method connects with it
        Invalid(
            "import psycopg\n"
            "class Database:\n"
            '    DSN = "host=db.example.com dbname=app sslmode=prefer"\n'
            "    def connect(self):\n"
            "        return psycopg.connect(self.DSN)",
            "import psycopg\n"
            "class Database:\n"
            '    DSN = "host=db.example.com dbname=app sslmode=verify-full"\n'
            "    def connect(self):\n"
            "        return psycopg.connect(self.DSN)",
        ),
        # the end of a URL known only at run time
        Invalid('import os, psycopg\nconn = psycopg.connect(os.environ["DATABASE_URL"] + "?sslmode=require")'),
        Invalid(
            "import os, psycopg\n"
            'url = f"postgresql://{os.environ[\'PGHOST\']}/app"\n'
            'if os.environ.get("APP_ENV") == "production":\n'
            '    url += "?sslmode=require"\n'
            "conn = psycopg.connect(url)"
        ),
        # pieces put together: an f-string of names, a joined list, a dataclass default
        Invalid(
            "import os, psycopg2\n"
            'HOST = "host=" + os.environ["PGHOST"]\n'
            'SSL_MODE = "sslmode=require"\n'
            'conn = psycopg2.connect(f"{HOST} dbname=app {SSL_MODE}")'
        ),
        Invalid(
            "import os, psycopg\n"
            'parts = [f"host={os.environ[\'PGHOST\']}", "dbname=app", "sslmode=prefer"]\n'
            'conn = psycopg.connect(" ".join(parts))'
        ),
        Invalid(
            "from dataclasses import dataclass\n"
            "import psycopg\n"
            "@dataclass\n"
            "class Database:\n"
            '    host: str = "db.example.com"\n'
            '    sslmode: str = "prefer"\n'
            "    def connect(self):\n"
            '        return psycopg.connect(f"host={self.host} sslmode={self.sslmode}")'
        ),
        # a configuration class for tests is configuration, not a test
        Invalid(
            "class TestingConfig:\n"
            '    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/test?sslmode=require"',
            "class TestingConfig:\n"
            '    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/test?sslmode=verify-full"',
        ),
        # a helper of the module that connects with its argument
        Invalid(
            "import psycopg\n"
            "def open_db(dsn):\n"
            "    return psycopg.connect(dsn, autocommit=True)\n"
            'conn = open_db("postgresql://db.example.com/app?sslmode=allow")',
            "import psycopg\n"
            "def open_db(dsn):\n"
            "    return psycopg.connect(dsn, autocommit=True)\n"
            'conn = open_db("postgresql://db.example.com/app?sslmode=verify-full")',
        ),
        # a template held in a name, filled by .format(): judged where it is filled
        Invalid(
            "import os\n"
            'URL_TEMPLATE = "postgresql://{user}@{host}/app?sslmode={mode}"\n'
            'DATABASE_URL = URL_TEMPLATE.format(user="app", host=os.environ["DB_HOST"], mode="require")'
        ),
        # appended to a URL only known at run time, the separator chosen at run time too
        Invalid(
            "import os\n"
            'url = os.environ["DATABASE_URL"]\n'
            'sep = "&" if "?" in url else "?"\n'
            'url = f"{url}{sep}sslmode=require"'
        ),
        # encode/databases hands asyncpg the URL's ssl option
        Invalid(
            "from databases import Database\n"
            'database = Database("postgresql+asyncpg://app@db.example.com/app?ssl=require")'
        ),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        if self.overridden(literal):
            return
        if self.for_encode_databases(literal):
            databases = encode_databases_url(literal.string, self.settings)
            if databases is not None and databases.code == self.CODE:
                self.report(literal.node, databases.message)
            return
        judgment = weak_sslmode(literal.string, self.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)
