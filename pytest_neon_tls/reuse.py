"""One verified connection reused by every test of a process, and what keeps the tests apart on it.

Each test runs inside one transaction that is rolled back afterwards, so a test costs two round
trips instead of a TLS handshake and a SCRAM exchange. The connection is in autocommit mode and
the fixture opens the transaction block itself, so that what a rollback does not undo is undone
in those same two round trips (each one simple-protocol query):

* at the start, ``BEGIN`` and a ``WITH HOLD`` cursor whose query fails: PostgreSQL computes such
  a cursor at ``COMMIT``, so a ``COMMIT`` (raw, ``END``, or ``conn.commit()``) that would end the
  test's transaction and keep its data fails instead, with :data:`COMMIT_REFUSED`, and
  everything is rolled back;
* at the end, ``pg_advisory_unlock_all()`` (session advisory locks outlive a rollback, and
  another test or xdist worker taking the same lock would wait forever) and ``ROLLBACK``.

A test that ended the fixture's transaction itself (a failed ``COMMIT``, ``conn.rollback()``, a raw
``ROLLBACK``) leaves the connection idle, not in a transaction: that errors the test, because
whatever it ran afterwards ran in autocommit mode and stays in the database.

Nested ``with conn.transaction():`` blocks are savepoints, as psycopg makes them inside a
transaction block. On the Python side, what a test may set on the connection is put back
afterwards (row and cursor factories, ``prepare_threshold``, ``prepared_max``, notice and notify
handlers). A test that registered adapters or types, or left the connection busy, hands the
next test a fresh connection. A connection found dead at the start of a test (a server restart,
``pg_terminate_backend``, a Neon compute suspended while idle) is replaced once, verified,
before the test starts.

:class:`ReusableConnection` and :class:`AsyncReusableConnection` are thin sync and async shells
around the same statements and decisions.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .connect import TLS_INFO_QUERY, TlsInfo, require_psycopg
from .diagnosis import sanitize
from .errors import NeonConnectError, NeonTlsError
from .target import Target

if TYPE_CHECKING:
    from .session import NeonSession

#: The error a ``COMMIT`` of a test's transaction fails with (the cursor's query casts it to integer).
COMMIT_REFUSED = (
    "neon-tls refuses COMMIT: each test runs in one transaction that is rolled back afterwards. "
    "Use `with conn.transaction():` for a savepoint, or a connection of your own (neon_dsn) "
    "for data that must be committed"
)
_GUARD = "neon_tls_commit_guard"
_RELEASE_LOCKS = "SELECT pg_advisory_unlock_all()"
TEST_START = (
    f"BEGIN; DECLARE {_GUARD} CURSOR WITH HOLD FOR "
    f"SELECT CAST(CASE WHEN random() >= 0 THEN '{COMMIT_REFUSED}' END AS integer)"
)
TEST_END = f"{_RELEASE_LOCKS}; ROLLBACK"
#: After a failed statement of the test (the transaction is aborted).
_RECOVER = f"ROLLBACK; {_RELEASE_LOCKS}"

ENDED_BY_TEST = (
    "this test ended the fixture's transaction itself (COMMIT, END, ROLLBACK, or conn.commit() / "
    "conn.rollback()), so the statements after it ran in autocommit mode and whatever they wrote stays "
    "in the database (a COMMIT of the fixture's transaction itself fails and keeps nothing). "
    "Fix: use `with conn.transaction():` for a savepoint inside the test, or your own connection "
    "(from neon_dsn) for data that must be committed"
)

_SETTINGS = (
    "autocommit",
    "row_factory",
    "cursor_factory",
    "server_cursor_factory",
    "prepare_threshold",
    "prepared_max",
)


@dataclass(frozen=True)
class Baseline:
    """The Python-side state of a fresh connection, put back after every test.

    psycopg offers no public way to list registered adapters or handlers, so their identity is
    read from its private attributes: a change is detected, never guessed.
    """

    settings: dict[str, Any]
    adapters: tuple[int, ...]
    notice_handlers: tuple[Any, ...]
    notify_handlers: tuple[Any, ...]

    @classmethod
    def capture(cls, conn: Any) -> Baseline:
        return cls(
            {name: getattr(conn, name) for name in _SETTINGS if hasattr(conn, name)},
            _adapters_identity(conn),
            tuple(getattr(conn, "_notice_handlers", ())),
            tuple(getattr(conn, "_notify_handlers", ())),
        )

    def restore(self, conn: Any) -> bool:
        """Put the settings and handlers back; False when the connection cannot be reused."""
        for name, value in self.settings.items():
            if getattr(conn, name) is not value:
                setattr(conn, name, value)
        for handler in tuple(getattr(conn, "_notice_handlers", ())):
            if handler not in self.notice_handlers:
                conn.remove_notice_handler(handler)
        for handler in tuple(getattr(conn, "_notify_handlers", ())):
            if handler not in self.notify_handlers:
                conn.remove_notify_handler(handler)
        return _adapters_identity(conn) == self.adapters


def _adapters_identity(conn: Any) -> tuple[int, ...]:
    """Identities of the maps behind ``conn.adapters``; psycopg copies a map when it is changed."""
    adapters = conn.adapters
    maps = [
        *getattr(adapters, "_dumpers", {}).values(),
        *getattr(adapters, "_dumpers_by_oid", ()),
        *getattr(adapters, "_loaders", ()),
        getattr(adapters.types, "_registry", None),
    ]
    return tuple(id(item) for item in maps)


class _Ending:
    """The end of one test, decided once for both twins: what to send, then what follows."""

    def __init__(self, conn: Any) -> None:
        states = require_psycopg().pq.TransactionStatus
        self.conn = conn
        status = conn.info.transaction_status
        self.ended = status == states.IDLE  # the test committed or rolled back itself
        self.statement = {states.INTRANS: TEST_END, states.INERROR: _RECOVER, states.IDLE: _RELEASE_LOCKS}.get(status)

    def first(self) -> str:
        if self.statement is None:
            raise require_psycopg().InterfaceError("the connection is busy or lost")
        return self.statement

    def verdict(self, baseline: Baseline | None) -> tuple[bool, str | None]:
        """Whether the connection can serve the next test, and the error for this test, if any."""
        conn = self.conn
        if self.ended:
            return False, ENDED_BY_TEST
        if conn.closed or conn.broken or baseline is None:
            return False, None
        if conn.info.transaction_status != require_psycopg().pq.TransactionStatus.IDLE:
            return False, None
        return baseline.restore(conn), None


def _start_failed(target: Target, error: BaseException) -> NeonConnectError:
    said = sanitize(str(error).strip(), target.conninfo)
    return NeonConnectError(
        f"a new verified connection to {target.describe()} failed at the start of the test: {said}. "
        "Fix: check that the server stays up and accepts a transaction block (PgBouncer in transaction "
        "mode does; statement mode does not)"
    )


class _Reused:
    """What the sync and async shells share: the connection, the fixture's cursor, the baseline."""

    def __init__(self, session: NeonSession, target: Target) -> None:
        self._session = session
        self._target = target
        self._conn: Any = None
        self._cursor: Any = None  # the fixture's own, untouched by the tests' factories
        self._baseline: Baseline | None = None

    def discard(self) -> None:
        raise NotImplementedError

    def _adopt(self, conn: Any) -> Any:
        self._conn, self._cursor, self._baseline = conn, conn.cursor(), Baseline.capture(conn)
        return conn

    def _stale(self) -> bool:
        return self._conn is None or self._conn.closed or self._conn.broken

    def _start_failed(self, error: BaseException, fresh: bool) -> None:
        """A failed start: one more try on a fresh connection, or the error if it was fresh."""
        self.discard()
        if fresh:
            raise _start_failed(self._target, error) from None

    def _settle(self, ending: _Ending) -> None:
        keep, problem = ending.verdict(self._baseline)
        if not keep:
            self.discard()
        if problem:
            raise NeonTlsError(problem)


class ReusableConnection(_Reused):
    """The connection of one target, reused across tests (see the module docstring)."""

    def discard(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    @contextlib.contextmanager
    def rolled_back(self) -> Iterator[Any]:
        """Yield the connection inside a transaction that is always rolled back."""
        conn = self._begin()
        try:
            yield conn
        finally:
            self._end(conn)

    def _fresh(self) -> Any:
        self.discard()
        conn = self._session.connect(self._target, autocommit=True)
        if self._session.tls is None:
            self._session.tls = TlsInfo.from_row(conn.execute(TLS_INFO_QUERY).fetchone())
        return self._adopt(conn)

    def _begin(self) -> Any:
        psycopg = require_psycopg()
        while True:
            fresh = self._stale()
            conn = self._fresh() if fresh else self._conn
            try:
                self._cursor.execute(TEST_START, prepare=False)
            except psycopg.Error as error:  # dead since the last test?
                self._start_failed(error, fresh)
                continue
            return conn

    def _end(self, conn: Any) -> None:
        psycopg = require_psycopg()
        ending = _Ending(conn)
        try:
            self._cursor.execute(ending.first(), prepare=False)
        except psycopg.Error:  # closed, broken or busy: not reused
            self.discard()
        self._settle(ending)


class AsyncReusableConnection(_Reused):
    """The asyncio twin of :class:`ReusableConnection`, reused while the event loop stays the same.

    With pytest-asyncio's default function-scoped loop every test gets a fresh connection;
    use ``loop_scope="session"`` to reuse one.
    """

    _loop: asyncio.AbstractEventLoop | None = None

    def discard(self) -> None:
        """Drop the connection; libpq's ``finish`` closes it without needing its event loop."""
        conn, self._conn, self._loop = self._conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.pgconn.finish()

    @contextlib.asynccontextmanager
    async def rolled_back(self) -> AsyncIterator[Any]:
        """Yield the connection inside a transaction that is always rolled back."""
        conn = await self._begin()
        try:
            yield conn
        finally:
            await self._end(conn)

    async def _fresh(self) -> Any:
        self.discard()
        conn = await self._session.connect_async(self._target, autocommit=True)
        if self._session.tls is None:
            self._session.tls = TlsInfo.from_row(await (await conn.execute(TLS_INFO_QUERY)).fetchone())
        self._loop = asyncio.get_running_loop()
        return self._adopt(conn)

    async def _begin(self) -> Any:
        psycopg = require_psycopg()
        while True:
            fresh = self._stale() or self._loop is not asyncio.get_running_loop()
            conn = await self._fresh() if fresh else self._conn
            try:
                await self._cursor.execute(TEST_START, prepare=False)
            except psycopg.Error as error:
                self._start_failed(error, fresh)
                continue
            return conn

    async def _end(self, conn: Any) -> None:
        psycopg = require_psycopg()
        ending = _Ending(conn)
        try:
            await self._cursor.execute(ending.first(), prepare=False)
        except psycopg.Error:
            self.discard()
        self._settle(ending)
