"""Per-process state behind the fixtures: the target, the embedded server, reused connections.

One :class:`NeonSession` lives in each pytest process (each xdist worker has its own, and so its
own embedded server). It starts the embedded server on first use, keeps one verified
connection per target for reuse across tests, and shuts everything down at session end.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path
from typing import Any

from flake8_neon.conninfo import SECRET_KEYWORDS, parse

from .config import NeonConfig
from .connect import (
    TLS_INFO_QUERY,
    NeonTlsError,
    Target,
    TlsInfo,
    connect,
    connect_async,
    harden,
    require_psycopg,
    tls_info,
)
from .roots import RootBundle
from .binaries import ServerUnavailable, find_binaries
from .server import EmbeddedServer

REQUIRE_HINT = "Pass --neon-require (ini neon_require = true) to make this an error instead of a skip."


class NoDatabase(NeonTlsError):
    """Neither a DSN nor PostgreSQL binaries: skip, or fail under ``--neon-require``."""


class NeonSession:
    """The state of one pytest process; see the module docstring."""

    def __init__(self, config: NeonConfig) -> None:
        self.config = config
        self.server: EmbeddedServer | None = None
        self.tls: TlsInfo | None = None
        self._target: Target | None = None
        self.secrets: set[str] = set()
        if config.hardened is not None:
            self.remember_secrets(config.hardened.conninfo.params)
        self._keepers: dict[str, ReusableConnection] = {}
        self._async_keepers: dict[str, AsyncReusableConnection] = {}

    def __repr__(self) -> str:
        return f"<NeonSession target={self._target.describe() if self._target else None!r}>"

    def remember_secrets(self, params: Mapping[str, str]) -> None:
        """Note password values so reports can be scrubbed of them (see the plugin)."""
        for keyword in SECRET_KEYWORDS:
            if len(params.get(keyword) or "") >= 4:
                self.secrets.add(params[keyword])

    def target(self, base_dir: Path) -> Target:
        """The target for this process: the configured DSN, or a freshly started embedded server."""
        if self._target is None:
            require_psycopg()
            self._target = self._embedded(base_dir) if self.config.uses_embedded else self.config.dsn_target()
        return self._target

    def _embedded(self, base_dir: Path) -> Target:
        try:
            binaries = find_binaries(self.config.pg_bindir)
        except ServerUnavailable as error:
            raise NoDatabase(f"neon-tls has no database: no DSN is set and {error}") from None
        self.server = EmbeddedServer(binaries, base_dir=base_dir)
        self.server.start()
        root = RootBundle(self.server.ca_file, "embedded server's throwaway CA")
        conninfo = harden(parse(self.server.dsn()), root).conninfo
        self.remember_secrets(conninfo.params)
        return Target(conninfo, root, embedded=True)

    def keeper(self, target: Target) -> ReusableConnection:
        return self._keepers.setdefault(target.conninfo.text, ReusableConnection(self, target))

    def async_keeper(self, target: Target) -> AsyncReusableConnection:
        key = target.conninfo.text
        return self._async_keepers.setdefault(key, AsyncReusableConnection(self, target))

    def ensure_database(self, target: Target, dbname: str) -> None:
        """On the embedded server, create ``dbname`` if missing (a DSN target is left alone)."""
        if not target.embedded:
            return
        psycopg = require_psycopg()
        with connect(target, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
            if not exists:
                conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(dbname)))

    def close(self) -> None:
        """Close every kept connection and stop the embedded server."""
        for keeper in self._keepers.values():
            keeper.discard()
        for async_keeper in self._async_keepers.values():
            async_keeper.discard()
        self._keepers.clear()
        self._async_keepers.clear()
        if self.server is not None:
            self.server.stop()
            self.server = None
        self._target = None


class ReusableConnection:
    """One verified connection reused by every test of a process; replaced once broken.

    A test costs a ``BEGIN``/``ROLLBACK`` instead of a TLS handshake and SCRAM exchange.
    """

    def __init__(self, session: NeonSession, target: Target) -> None:
        self._session = session
        self._target = target
        self._conn: Any = None

    def acquire(self) -> Any:
        conn = self._conn
        if conn is None or conn.closed or conn.broken:
            conn = self._conn = connect(self._target)
            if self._session.tls is None:
                self._session.tls = tls_info(conn)
                conn.rollback()
        return conn

    def discard(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    @contextlib.contextmanager
    def rolled_back(self) -> Iterator[Any]:
        """Yield the connection inside a transaction that is always rolled back.

        ``commit()``/``rollback()`` are refused inside it (psycopg forbids them in a
        transaction block) and nested ``with conn.transaction():`` become savepoints.
        """
        psycopg = require_psycopg()
        conn = self.acquire()
        try:
            with conn.transaction(force_rollback=True):
                yield conn
        except psycopg.Error:
            if not (conn.closed or conn.broken):
                raise
            self.discard()
        finally:
            _reset(conn, psycopg)


class AsyncReusableConnection:
    """The asyncio twin of :class:`ReusableConnection`, reused while the event loop stays the same.

    With pytest-asyncio's default function-scoped loop every test gets a fresh connection;
    use ``loop_scope="session"`` to reuse one.
    """

    def __init__(self, session: NeonSession, target: Target) -> None:
        self._session = session
        self._target = target
        self._conn: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def acquire(self) -> Any:
        loop = asyncio.get_running_loop()
        conn = self._conn
        if conn is None or conn.closed or conn.broken or self._loop is not loop:
            self.discard()
            conn = self._conn = await connect_async(self._target)
            self._loop = loop
            if self._session.tls is None:
                row = await (await conn.execute(TLS_INFO_QUERY)).fetchone()
                self._session.tls = TlsInfo.from_row(row)
                await conn.rollback()
        return conn

    def discard(self) -> None:
        """Drop the connection; libpq's ``finish`` closes it without needing its event loop."""
        conn, self._conn, self._loop = self._conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.pgconn.finish()

    @contextlib.asynccontextmanager
    async def rolled_back(self) -> AsyncIterator[Any]:
        psycopg = require_psycopg()
        conn = await self.acquire()
        try:
            async with conn.transaction(force_rollback=True):
                yield conn
        except psycopg.Error:
            if not (conn.closed or conn.broken):
                raise
            self.discard()
        finally:
            _reset(conn, psycopg)


def _reset(conn: Any, psycopg: Any) -> None:
    """Undo per-connection settings a test may have changed, so the next test starts clean."""
    conn.row_factory = psycopg.rows.tuple_row
    conn.prepare_threshold = 5
