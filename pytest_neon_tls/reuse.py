"""One verified connection reused by every test of a process, and what keeps the tests apart on it.

Each test runs inside one transaction that is rolled back afterwards, so a test costs a
``BEGIN`` and a ``ROLLBACK`` instead of a TLS handshake and a SCRAM exchange. What a rollback
does not undo is undone in the same round trips (psycopg's pipeline mode sends them together):

* at the start, with ``BEGIN``: ``pg_advisory_unlock_all()`` (session advisory locks outlive a
  rollback, and another test or xdist worker taking the same lock would wait forever),
  ``DEALLOCATE ALL`` (SQL ``PREPARE`` outlives it too), and a ``WITH HOLD`` cursor whose query
  fails: PostgreSQL computes such a cursor at ``COMMIT``, so a raw ``COMMIT`` (or ``END``) that
  would end the test's transaction and keep its data fails instead, with :data:`COMMIT_REFUSED`,
  and everything is rolled back. psycopg itself refuses ``commit()`` and ``rollback()`` there;
* at the end, with ``ROLLBACK``: the advisory locks again, so they are free between tests.

On the Python side, what a test may set on the connection is put back afterwards (row and
cursor factories, ``prepare_threshold``, ``prepared_max``, notice and notify handlers). A test
that registered adapters or types, that left the connection busy or ended the transaction itself,
hands the next test a fresh connection; ending the transaction also errors the test. A connection
found dead at the start of a test (a server restart, ``pg_terminate_backend``, a Neon compute
suspended while idle) is replaced once, verified, before the test starts.

:class:`ReusableConnection` and :class:`AsyncReusableConnection` are thin sync and async shells
around the same statements and checks.
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

#: The error a raw ``COMMIT`` of a test's transaction fails with (the cursor's query casts it to int).
COMMIT_REFUSED = (
    "neon-tls refuses COMMIT: each test runs in one transaction that is rolled back afterwards. "
    "Use `with conn.transaction():` for a savepoint, or a connection of your own (neon_dsn) "
    "for data that must be committed"
)
_GUARD = (
    "DECLARE neon_tls_commit_guard CURSOR WITH HOLD FOR "
    f"SELECT CAST(CASE WHEN random() >= 0 THEN '{COMMIT_REFUSED}' END AS integer)"
)
_RELEASE_LOCKS = "SELECT pg_advisory_unlock_all()"
TEST_START = (_RELEASE_LOCKS, "DEALLOCATE ALL", _GUARD)
TEST_END = (_RELEASE_LOCKS,)

ENDED_BY_TEST = (
    "this test ended the fixture's transaction itself (a raw COMMIT, END or ROLLBACK statement), so the "
    "statements after it ran outside the transaction that is rolled back after the test. A first COMMIT "
    "fails and rolls back, but anything committed after that stays in the database. "
    "Fix: use `with conn.transaction():` for a savepoint inside the test, or your own connection "
    "(from neon_dsn) for data that must be committed"
)

_SETTINGS = ("row_factory", "cursor_factory", "server_cursor_factory", "prepare_threshold", "prepared_max")


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


def _after_test(conn: Any, status_before: Any, baseline: Baseline | None) -> tuple[bool, str | None]:
    """Whether the connection can serve the next test, and the error for this test, if any."""
    idle = require_psycopg().pq.TransactionStatus.IDLE
    if conn.closed or conn.broken:
        return False, None
    if status_before == idle:
        return False, ENDED_BY_TEST
    if conn.info.transaction_status != idle or baseline is None:
        return False, None
    return baseline.restore(conn), None


def _start_failed(target: Target, error: BaseException) -> NeonConnectError:
    said = sanitize(str(error).strip(), target.conninfo)
    return NeonConnectError(
        f"a new verified connection to {target.describe()} failed at the start of the test: {said}. "
        "Fix: check that the server stays up and accepts these statements (PgBouncer in transaction "
        "mode does; statement mode does not)"
    )


class ReusableConnection:
    """The connection of one target, reused across tests (see the module docstring)."""

    def __init__(self, session: NeonSession, target: Target) -> None:
        self._session = session
        self._target = target
        self._conn: Any = None
        self._baseline: Baseline | None = None

    def discard(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    @contextlib.contextmanager
    def rolled_back(self) -> Iterator[Any]:
        """Yield the connection inside a transaction that is always rolled back."""
        conn, transaction = self._begin()
        try:
            yield conn
        finally:
            self._end(conn, transaction)

    def _fresh(self) -> Any:
        self.discard()
        conn = self._session.connect(self._target)
        if self._session.tls is None:
            self._session.tls = TlsInfo.from_row(conn.execute(TLS_INFO_QUERY).fetchone())
            conn.rollback()
        self._conn, self._baseline = conn, Baseline.capture(conn)
        return conn

    def _begin(self) -> tuple[Any, Any]:
        psycopg = require_psycopg()
        while True:
            fresh = self._conn is None or self._conn.closed or self._conn.broken
            conn = self._fresh() if fresh else self._conn
            transaction = psycopg.Transaction(conn, force_rollback=True)
            try:
                with conn.pipeline():
                    transaction.__enter__()
                    for statement in TEST_START:
                        conn.execute(statement, prepare=False)
            except psycopg.Error as error:
                self.discard()  # dead since the last test: one more try, on a fresh connection
                if fresh:
                    raise _start_failed(self._target, error) from None
                continue
            return conn, transaction

    def _end(self, conn: Any, transaction: Any) -> None:
        psycopg = require_psycopg()
        status = conn.info.transaction_status
        try:
            with conn.pipeline():
                if status == psycopg.pq.TransactionStatus.INTRANS:
                    for statement in TEST_END:
                        conn.execute(statement, prepare=False)
                transaction.__exit__(None, None, None)
        except Exception:  # broken, closed or misnested by the test: not reused
            self.discard()
        keep, problem = _after_test(conn, status, self._baseline)
        if not keep:
            self.discard()
        if problem:
            raise NeonTlsError(problem)


class AsyncReusableConnection:
    """The asyncio twin of :class:`ReusableConnection`, reused while the event loop stays the same.

    With pytest-asyncio's default function-scoped loop every test gets a fresh connection;
    use ``loop_scope="session"`` to reuse one.
    """

    def __init__(self, session: NeonSession, target: Target) -> None:
        self._session = session
        self._target = target
        self._conn: Any = None
        self._baseline: Baseline | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def discard(self) -> None:
        """Drop the connection; libpq's ``finish`` closes it without needing its event loop."""
        conn, self._conn, self._loop = self._conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.pgconn.finish()

    @contextlib.asynccontextmanager
    async def rolled_back(self) -> AsyncIterator[Any]:
        """Yield the connection inside a transaction that is always rolled back."""
        conn, transaction = await self._begin()
        try:
            yield conn
        finally:
            await self._end(conn, transaction)

    async def _fresh(self) -> Any:
        self.discard()
        conn = await self._session.connect_async(self._target)
        if self._session.tls is None:
            row = await (await conn.execute(TLS_INFO_QUERY)).fetchone()
            self._session.tls = TlsInfo.from_row(row)
            await conn.rollback()
        self._conn, self._baseline = conn, Baseline.capture(conn)
        self._loop = asyncio.get_running_loop()
        return conn

    async def _begin(self) -> tuple[Any, Any]:
        psycopg = require_psycopg()
        while True:
            conn = self._conn
            fresh = conn is None or conn.closed or conn.broken or self._loop is not asyncio.get_running_loop()
            conn = await self._fresh() if fresh else conn
            transaction = psycopg.AsyncTransaction(conn, force_rollback=True)
            try:
                async with conn.pipeline():
                    await transaction.__aenter__()
                    for statement in TEST_START:
                        await conn.execute(statement, prepare=False)
            except psycopg.Error as error:
                self.discard()
                if fresh:
                    raise _start_failed(self._target, error) from None
                continue
            return conn, transaction

    async def _end(self, conn: Any, transaction: Any) -> None:
        psycopg = require_psycopg()
        status = conn.info.transaction_status
        try:
            async with conn.pipeline():
                if status == psycopg.pq.TransactionStatus.INTRANS:
                    for statement in TEST_END:
                        await conn.execute(statement, prepare=False)
                await transaction.__aexit__(None, None, None)
        except Exception:
            self.discard()
        keep, problem = _after_test(conn, status, self._baseline)
        if not keep:
            self.discard()
        if problem:
            raise NeonTlsError(problem)
