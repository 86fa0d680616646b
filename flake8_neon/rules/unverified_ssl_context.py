"""NEO104: an asyncpg or pg8000 TLS setting that does not verify the server."""

from __future__ import annotations

from flake8_neon.rules.base import Invalid, SettingRule


class UnverifiedSslContext(SettingRule):
    """A driver-level TLS object or flag that leaves the server unverified.

    asyncpg: ``ssl=False`` sends everything in plaintext. pg8000 (1.31+):
    ``ssl_context=True`` wraps the socket in a context with ``check_hostname = False`` and
    ``CERT_NONE`` (encrypted, never verified), ``ssl_context=False`` sends no TLS. For both,
    an ``ssl.SSLContext`` that does not verify: ``ssl._create_unverified_context()``,
    ``ssl.SSLContext()`` or ``SSLContext(PROTOCOL_TLS)`` (they start with ``CERT_NONE``
    and no host check; only ``PROTOCOL_TLS_CLIENT`` verifies),
    ``create_default_context(Purpose.CLIENT_AUTH)`` (a server-side context), or any
    context given ``check_hostname = False`` or ``verify_mode = CERT_NONE``.

    Contexts are followed through names, class and instance attributes (also weakened through
    them: ``self.ctx.check_hostname = False``), helper functions and methods of the
    module that build and return them (also as an item of a returned tuple: ``url, args =
    helper()``), conditional expressions, SQLAlchemy's ``connect_args`` (also a
    ``"connect_args"`` item of engine options built as a dict),
    pools, Piccolo's ``PostgresEngine(config=...)``, ``connect_args`` of calls that build an
    engine elsewhere (``async_engine_from_config``) and Tortoise ORM's asyncpg ``credentials``. A
    weakening done only in some branches (``if not verify: ctx.check_hostname = False``)
    is not reported: another path verifies.

    Fix: ``ssl.create_default_context()`` (system roots) or
    ``ssl.create_default_context(cafile=<path to CA bundle>)``, left as they are; for
    asyncpg also ``ssl=True``. The automatic fix turns asyncpg's ``ssl=False`` into
    ``ssl=True``.
    """

    CODE = "NEO104"
    VALID = (
        # another database's engine: its connect_args are not asyncpg's
        "from sqlalchemy import create_engine\n"
        'engine = create_engine("mysql+pymysql://app@mysql.example.com/app", connect_args={"ssl": False})',
        "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
        "def engine_settings():\n"
        '    return DATABASE_URL, {"ssl": ssl.create_default_context()}\n'
        "url, connect_args = engine_settings()\n"
        "engine = create_async_engine(url, connect_args=connect_args)",
        'import asyncpg\nconn = asyncpg.connect(host="db.example.com", ssl=True)',
        'import ssl, pg8000\nconn = pg8000.connect("app", host="db.example.com",'
        ' ssl_context=ssl.create_default_context(cafile="/etc/ssl/ca.pem"))',
        "import ssl, asyncpg\nctx = ssl.create_default_context()\n"
        'conn = asyncpg.connect(host="db.example.com", ssl=ctx)',
        'import asyncpg\nconn = asyncpg.connect(host="localhost", ssl=False)',
        "import ssl, asyncpg\n"
        "def tls(verify):\n"
        "    ctx = ssl.create_default_context()\n"
        "    if not verify:\n"
        "        ctx.check_hostname = False\n"
        "        ctx.verify_mode = ssl.CERT_NONE\n"
        "    return ctx\n"
        "pool = asyncpg.create_pool(dsn, ssl=tls(settings.verify))",
        "import ssl, asyncpg\n"
        "ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
        'ctx.load_verify_locations("/etc/ssl/ca.pem")\n'
        "pool = asyncpg.create_pool(dsn, ssl=ctx)",
        "import ssl\n"
        'TORTOISE_ORM = {"connections": {"default": {"engine": "tortoise.backends.asyncpg",'
        ' "credentials": {"host": "db.example.com", "ssl": ssl.create_default_context()}}}}',
        "import ssl, asyncpg\n"
        "class Repository:\n"
        "    def __init__(self, dsn, insecure):\n"
        "        self._ssl = ssl.create_default_context()\n"
        "        if insecure:\n"
        "            self._ssl.check_hostname = False\n"
        "    async def start(self):\n"
        "        self.pool = await asyncpg.create_pool(dsn, ssl=self._ssl)",
        "import ssl\n"
        "ctx = ssl.create_default_context()\nctx.check_hostname = False\n"
        'TORTOISE_ORM = {"connections": {"default": {"engine": "tortoise.backends.asyncpg",'
        ' "credentials": {"host": "localhost", "ssl": ctx}}}}',
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
        # a helper of the module builds the context
        Invalid(
            "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
            "def make_ssl_context():\n"
            "    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
            "    context.check_hostname = False\n"
            "    context.verify_mode = ssl.CERT_NONE\n"
            "    return context\n"
            'engine = create_async_engine(settings.database_url, connect_args={"ssl": make_ssl_context()})'
        ),
        Invalid(
            "import ssl, asyncpg\nasync def main(dsn):\n    return await asyncpg.create_pool(dsn, ssl=ssl.SSLContext())"
        ),
        Invalid(
            "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
            'engine = create_async_engine(URL, connect_args={"ssl": False})',
            "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
            'engine = create_async_engine(URL, connect_args={"ssl": True})',
        ),
        Invalid(
            "import ssl, asyncpg\n"
            "ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\n"
            "pool = asyncpg.create_pool(dsn, ssl=ctx)"
        ),
        # Tortoise ORM hands its credentials to asyncpg
        Invalid(
            "import ssl\n"
            "ctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n"
            'TORTOISE_ORM = {"connections": {"default": {"engine": "tortoise.backends.asyncpg",'
            ' "credentials": {"host": "ep-cool-1.neon.tech", "database": "neondb", "ssl": ctx}}}}'
        ),
        # a method of the class builds the context
        Invalid(
            "import ssl, asyncpg\n"
            "class Database:\n"
            "    def _ssl(self):\n"
            "        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
            "        ctx.check_hostname = False\n"
            "        ctx.verify_mode = ssl.CERT_NONE\n"
            "        return ctx\n"
            "    async def connect(self, dsn):\n"
            "        return await asyncpg.create_pool(dsn, ssl=self._ssl())"
        ),
        # a context held by the instance, weakened after it is made
        Invalid(
            "import ssl, asyncpg\n"
            "class Repository:\n"
            "    def __init__(self, dsn):\n"
            "        self.dsn = dsn\n"
            "        self._ssl = ssl.create_default_context()\n"
            "        self._ssl.check_hostname = False\n"
            "    async def start(self):\n"
            "        self.pool = await asyncpg.create_pool(self.dsn, ssl=self._ssl)"
        ),
        # Piccolo hands its config to asyncpg
        Invalid(
            "from piccolo.engine.postgres import PostgresEngine\n"
            'DB = PostgresEngine(config={"dsn": DATABASE_URL, "ssl": False})',
            "from piccolo.engine.postgres import PostgresEngine\n"
            'DB = PostgresEngine(config={"dsn": DATABASE_URL, "ssl": True})',
        ),
        # a context held by a settings class
        Invalid(
            "import ssl, asyncpg\n"
            "class Settings:\n"
            "    SSL = ssl._create_unverified_context()\n"
            "pool = asyncpg.create_pool(dsn, ssl=Settings.SSL)"
        ),
        # encode/databases hands ssl= to asyncpg, whatever the URL
        Invalid(
            "import os\nfrom databases import Database\n"
            'database = Database(os.environ["DATABASE_URL"], ssl=False, min_size=2)',
            "import os\nfrom databases import Database\n"
            'database = Database(os.environ["DATABASE_URL"], ssl=True, min_size=2)',
        ),
        # engine options built as a dict, connect_args stored into it
        Invalid(
            "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
            'kwargs = {"pool_pre_ping": True}\n'
            'if "neon.tech" in DATABASE_URL:\n'
            "    ctx = ssl.create_default_context()\n"
            "    ctx.check_hostname = False\n"
            "    ctx.verify_mode = ssl.CERT_NONE\n"
            '    kwargs["connect_args"] = {"ssl": ctx}\n'
            "engine = create_async_engine(DATABASE_URL, **kwargs)"
        ),
        # a helper returns the URL and the connect_args together
        Invalid(
            "import ssl\nfrom sqlalchemy.ext.asyncio import create_async_engine\n"
            "def engine_settings():\n"
            "    ctx = ssl.create_default_context()\n"
            "    ctx.check_hostname = False\n"
            '    return DATABASE_URL, {"ssl": ctx}\n'
            "url, connect_args = engine_settings()\n"
            "engine = create_async_engine(url, connect_args=connect_args)"
        ),
    )
