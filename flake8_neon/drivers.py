"""The connection APIs the rules know, by fully qualified name, and what their TLS knobs mean."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flake8_neon.conninfo import LIBPQ_DRIVERS

Family = Literal["libpq", "asyncpg", "pg8000", "sqlalchemy"]

#: URL drivers (``postgresql+<driver>://``) and the family whose TLS rules apply.
URL_DRIVERS: dict[str | None, Family] = {
    None: "libpq",
    **dict.fromkeys(LIBPQ_DRIVERS, "libpq"),
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
}

LIBPQ_FIX = (
    "use sslmode=verify-full with trusted roots: sslrootcert=<path to CA bundle>, or "
    "sslrootcert=system on libpq 16+ (psycopg-binary also needs SSL_CERT_FILE=<system bundle>)"
)
ASYNCPG_FIX = (
    "use ssl=True (verify-full against the system roots) or ssl=ssl.create_default_context(cafile=<path to CA bundle>)"
)
PG8000_FIX = (
    "pass ssl_context=ssl.create_default_context() (or cafile=<path to CA bundle>), "
    "which verifies the chain and the host name"
)
ASYNCPG_URL_FIX = (
    "in a postgresql+asyncpg:// URL drop sslmode/sslrootcert and pass "
    "connect_args={'ssl': ssl.create_default_context(cafile=<CA bundle>)} or {'ssl': True}"
)


@dataclass(frozen=True)
class ConnectApi:
    """How one connection function takes its settings.

    ``conninfo`` is the (name, position) of the connection-string parameter, ``host`` the
    same for the host, ``option_dicts`` the keyword parameters holding a dict of connection
    settings (``kwargs=`` of psycopg_pool, ``connect_args=`` of SQLAlchemy).
    """

    family: Family
    conninfo: tuple[str, int] | None
    host: tuple[str, int] | None = None
    option_dicts: tuple[str, ...] = ()
    takes_settings_as_kwargs: bool = True


_LIBPQ = ConnectApi("libpq", ("conninfo", 0))
_PSYCOPG2 = ConnectApi("libpq", ("dsn", 0))
_POOL = ConnectApi("libpq", ("conninfo", 0), option_dicts=("kwargs",), takes_settings_as_kwargs=False)
_ASYNCPG = ConnectApi("asyncpg", ("dsn", 0))
_PG8000 = ConnectApi("pg8000", None, host=("host", 1))
_ENGINE = ConnectApi("sqlalchemy", ("url", 0), option_dicts=("connect_args",), takes_settings_as_kwargs=False)

CONNECT_APIS: dict[str, ConnectApi] = {
    "psycopg.connect": _LIBPQ,
    "psycopg.Connection.connect": _LIBPQ,
    "psycopg.AsyncConnection.connect": _LIBPQ,
    "psycopg.connection.Connection.connect": _LIBPQ,
    "psycopg.connection_async.AsyncConnection.connect": _LIBPQ,
    "psycopg2.connect": _PSYCOPG2,
    "psycopg_pool.ConnectionPool": _POOL,
    "psycopg_pool.AsyncConnectionPool": _POOL,
    "psycopg_pool.NullConnectionPool": _POOL,
    "psycopg_pool.AsyncNullConnectionPool": _POOL,
    "asyncpg.connect": _ASYNCPG,
    "asyncpg.create_pool": _ASYNCPG,
    "asyncpg.connection.connect": _ASYNCPG,
    "asyncpg.pool.create_pool": _ASYNCPG,
    "pg8000.connect": _PG8000,
    "pg8000.dbapi.connect": _PG8000,
    "pg8000.native.Connection": _PG8000,
    "pg8000.Connection": _PG8000,
    "sqlalchemy.create_engine": _ENGINE,
    "sqlalchemy.engine.create_engine": _ENGINE,
    "sqlalchemy.ext.asyncio.create_async_engine": _ENGINE,
}

#: ``URL.create(drivername, username, password, host, port, database, query)``.
URL_CREATE = frozenset({"sqlalchemy.URL.create", "sqlalchemy.engine.URL.create", "sqlalchemy.engine.url.URL.create"})
MAKE_URL = frozenset({"sqlalchemy.make_url", "sqlalchemy.engine.make_url", "sqlalchemy.engine.url.make_url"})
DJ_DATABASE_URL = frozenset({"dj_database_url.config", "dj_database_url.parse"})
OS_ENVIRON = "os.environ"
OS_PUTENV = "os.putenv"


def url_family(driver: str | None) -> Family | None:
    """The TLS family of a ``postgresql+driver://`` URL, None for drivers the rules don't know."""
    return URL_DRIVERS.get(driver.lower() if driver else None)


def drivername_family(drivername: str) -> Family | None:
    """The TLS family of a SQLAlchemy drivername such as ``postgresql+asyncpg``."""
    dialect, _, driver = drivername.partition("+")
    if dialect not in ("postgresql", "postgres"):
        return None
    return url_family(driver or None)
