"""The connection APIs the rules know, by fully qualified name, and how each takes its settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flake8_neon.conninfo import LIBPQ_DRIVERS

#: Whose TLS rules apply: libpq's sslmode (psycopg, psycopg2, aiopg...), asyncpg's ``ssl``
#: or pg8000's ``ssl_context``.
Family = Literal["libpq", "asyncpg", "pg8000"]

#: URL drivers (``postgresql+<driver>://``) and the family whose TLS rules apply.
URL_DRIVERS: dict[str | None, Family] = {
    None: "libpq",
    **dict.fromkeys(LIBPQ_DRIVERS, "libpq"),
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
}

#: Modules (or their ``connect``) that DBUtils pools may be given as ``creator``.
CREATOR_FAMILIES: dict[str, Family] = {
    "psycopg": "libpq",
    "psycopg2": "libpq",
    "pgdb": "libpq",
    "pg8000": "pg8000",
    "pg8000.dbapi": "pg8000",
}


@dataclass(frozen=True)
class ConnectApi:
    """How one connection function takes its settings.

    ``family`` is None when the call decides it: SQLAlchemy engines by their URL's driver
    (or ``connect_args``), DBUtils pools by their ``creator``. ``conninfo`` is the (name,
    position) of the connection-string parameter (position None: keyword only), ``host``
    the same for the host, ``creator`` for the DBAPI module of a DBUtils pool.
    ``option_dicts`` are the keyword parameters holding a dict of connection settings
    (``kwargs=`` of psycopg_pool, ``connect_args=`` of SQLAlchemy); with
    ``takes_settings_as_kwargs`` every other keyword argument is a setting too. ``provider``
    is the (name, position, value) of an argument that must name PostgreSQL for the call to be
    a connection (Pony's ``provider="postgres"``).
    """

    family: Family | None
    conninfo: tuple[str, int | None] | None
    host: tuple[str, int] | None = None
    option_dicts: tuple[str, ...] = ()
    takes_settings_as_kwargs: bool = True
    creator: tuple[str, int] | None = None
    provider: tuple[str, int, str] | None = None

    @property
    def is_engine(self) -> bool:
        """True for SQLAlchemy engines: the connection string is a URL whose driver decides the family."""
        return self.family is None and self.creator is None


_LIBPQ = ConnectApi("libpq", ("conninfo", 0))
_PSYCOPG2 = ConnectApi("libpq", ("dsn", 0))
_PSYCOPG2_POOL = ConnectApi("libpq", ("dsn", 2))  # (minconn, maxconn, *args, **kwargs) -> psycopg2.connect
_POOL = ConnectApi("libpq", ("conninfo", 0), option_dicts=("kwargs",), takes_settings_as_kwargs=False)
_PEEWEE = ConnectApi("libpq", None)  # (database, **connect_params) -> psycopg2.connect
_ASYNCPG = ConnectApi("asyncpg", ("dsn", 0))
_PG8000 = ConnectApi("pg8000", None, host=("host", 1))
_ENGINE = ConnectApi(None, ("url", 0), option_dicts=("connect_args",), takes_settings_as_kwargs=False)
_DBUTILS = ConnectApi(None, ("dsn", None), creator=("creator", 0))
_DATABASES = ConnectApi("asyncpg", ("url", 0))  # encode/databases: postgresql:// goes to asyncpg, options too
#: Piccolo hands its ``config`` dict to asyncpg's ``connect``/``create_pool`` (``dsn`` included).
_PICCOLO = ConnectApi("asyncpg", ("dsn", None), option_dicts=("config",), takes_settings_as_kwargs=False)
#: Pony's ``Database("postgres", ...)`` and ``db.bind(provider="postgres", ...)`` pass the rest to psycopg2.
_PONY = ConnectApi("libpq", ("dsn", 1), provider=("provider", 0, "postgres"))

CONNECT_APIS: dict[str, ConnectApi] = {
    "psycopg.connect": _LIBPQ,
    "psycopg.Connection.connect": _LIBPQ,
    "psycopg.AsyncConnection.connect": _LIBPQ,
    "psycopg.connection.Connection.connect": _LIBPQ,
    "psycopg.connection_async.AsyncConnection.connect": _LIBPQ,
    "psycopg2.connect": _PSYCOPG2,
    "psycopg2.pool.SimpleConnectionPool": _PSYCOPG2_POOL,
    "psycopg2.pool.ThreadedConnectionPool": _PSYCOPG2_POOL,
    "psycopg2.pool.PersistentConnectionPool": _PSYCOPG2_POOL,
    "psycopg2.pool.AbstractConnectionPool": _PSYCOPG2_POOL,
    "psycopg_pool.ConnectionPool": _POOL,
    "psycopg_pool.AsyncConnectionPool": _POOL,
    "psycopg_pool.NullConnectionPool": _POOL,
    "psycopg_pool.AsyncNullConnectionPool": _POOL,
    "aiopg.connect": _PSYCOPG2,
    "aiopg.create_pool": _PSYCOPG2,
    "aiopg.sa.create_engine": _PSYCOPG2,  # aiopg's SQLAlchemy layer: (dsn, **kwargs) -> aiopg.create_pool
    "aiopg.sa.engine.create_engine": _PSYCOPG2,
    "peewee.PostgresqlDatabase": _PEEWEE,
    "playhouse.pool.PooledPostgresqlDatabase": _PEEWEE,
    "playhouse.postgres_ext.PostgresqlExtDatabase": _PEEWEE,
    "playhouse.pool.PooledPostgresqlExtDatabase": _PEEWEE,
    "asyncpg.connect": _ASYNCPG,
    "asyncpg.create_pool": _ASYNCPG,
    "asyncpg.connection.connect": _ASYNCPG,
    "asyncpg.pool.create_pool": _ASYNCPG,
    "pg8000.connect": _PG8000,
    "pg8000.dbapi.connect": _PG8000,
    "pg8000.native.Connection": _PG8000,
    "pg8000.Connection": _PG8000,
    "pg8000.dbapi.Connection": _PG8000,
    "pg8000.legacy.Connection": _PG8000,
    "sqlalchemy.create_engine": _ENGINE,
    "sqlalchemy.engine.create_engine": _ENGINE,
    "sqlalchemy.ext.asyncio.create_async_engine": _ENGINE,
    "sqlmodel.create_engine": _ENGINE,
    "databases.Database": _DATABASES,
    "databases.core.Database": _DATABASES,
    "dbutils.pooled_db.PooledDB": _DBUTILS,
    "dbutils.persistent_db.PersistentDB": _DBUTILS,
    "dbutils.steady_db.connect": _DBUTILS,
    "DBUtils.PooledDB.PooledDB": _DBUTILS,
    "DBUtils.PersistentDB.PersistentDB": _DBUTILS,
    "piccolo.engine.postgres.PostgresEngine": _PICCOLO,
    "piccolo.engine.PostgresEngine": _PICCOLO,
    "pony.orm.Database": _PONY,
    "pony.orm.core.Database": _PONY,
    "pony.orm.Database.bind": _PONY,  # a method of an instance: ``db = Database()``, ``db.bind(...)``
    "pony.orm.core.Database.bind": _PONY,
}

#: encode/databases' ``Database(url)``: its own reading of the URL, not libpq's (see judgments.encode_databases_url).
ENCODE_DATABASES = frozenset({"databases.Database", "databases.core.Database"})

#: Dicts that describe a connection by its ``engine`` (Tortoise ORM), and whose TLS rules apply
#: to their ``credentials``.
DICT_ENGINES: dict[str, Family] = {"tortoise.backends.asyncpg": "asyncpg"}

#: ``URL.create(drivername, username, password, host, port, database, query)``.
URL_CREATE = frozenset({"sqlalchemy.URL.create", "sqlalchemy.engine.URL.create", "sqlalchemy.engine.url.URL.create"})
MAKE_URL = frozenset({"sqlalchemy.make_url", "sqlalchemy.engine.make_url", "sqlalchemy.engine.url.make_url"})
DJ_DATABASE_URL = frozenset({"dj_database_url.config", "dj_database_url.parse"})
OS_ENVIRON = "os.environ"
OS_PUTENV = "os.putenv"
#: Reads of an environment variable with a default (``os.getenv(name, default)``).
ENV_GETTERS = frozenset({"os.getenv", "os.environ.get"})


def is_django_postgres_engine(engine: str) -> bool:
    """True for a Django ``ENGINE`` that connects with psycopg: ``django.db.backends.postgresql``, its old
    ``postgresql_psycopg2`` alias, PostGIS, and wrappers named after it (``django_prometheus.db.backends.postgresql``,
    ``django_tenants.postgresql_backend``)."""
    return any(part.startswith(("postgresql", "postgis")) for part in engine.split("."))


def url_family(driver: str | None) -> Family | None:
    """The TLS family of a ``postgresql+driver://`` URL, None for drivers the rules don't know."""
    return URL_DRIVERS.get(driver.lower() if driver else None)


def drivername_family(drivername: str) -> Family | None:
    """The TLS family of a SQLAlchemy drivername such as ``postgresql+asyncpg``."""
    dialect, _, driver = drivername.partition("+")
    if dialect not in ("postgresql", "postgres"):
        return None
    return url_family(driver or None)


def creator_family(qualified_name: str | None) -> Family | None:
    """The family of a DBUtils ``creator``: a driver module or its ``connect``."""
    if qualified_name is None:
        return None
    return CREATOR_FAMILIES.get(qualified_name.removesuffix(".connect"))
