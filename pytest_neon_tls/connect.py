"""Open a connection to a :class:`~pytest_neon_tls.target.Target` and prove it is ``verify-full``.

* :func:`connect` / :func:`connect_async` open a psycopg connection; failures that may pass (a
  Neon compute still waking up, a busy control plane) are tried again with backoff while the
  connect timeout lasts, on one schedule (:class:`Attempts`) for both.
* :func:`prove` checks that libpq reports TLS in use with an effective sslmode of verify-full.
* Failures become :class:`~pytest_neon_tls.errors.NeonConnectError` whose message names the
  cause and the fix (:mod:`pytest_neon_tls.diagnosis`) and never holds the password;
  psycopg's exception (which may embed the conninfo) is not chained.

psycopg is imported lazily so that the plugin loads without it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .diagnosis import diagnose
from .errors import NeonConnectError, NeonTlsError
from .target import Target

if TYPE_CHECKING:
    import psycopg

INSTALL_COMMAND = "pip install 'neon-tls[pytest]'"
#: Pauses between attempts; the last one repeats while the connect timeout leaves room.
RETRY_BACKOFF = (0.25, 0.5, 1.0, 2.0)
_MIN_ATTEMPT = 2  # libpq and psycopg give every attempt at least 2 s


def require_psycopg() -> Any:
    """Import psycopg or fail with the exact install command."""
    try:
        import psycopg
    except ImportError:
        raise NeonTlsError(f"psycopg is not installed; neon-tls fixtures need it. Fix: {INSTALL_COMMAND}") from None
    return psycopg


class Attempts:
    """The retry schedule of one connection, shared by the sync and async paths.

    The first attempt gets the target's whole connect timeout. After a failure, :meth:`failed`
    either returns the pause before the next attempt, or raises the explained error: when the
    failure cannot pass, or when the pause and a minimal attempt no longer fit in the timeout.
    """

    def __init__(self, target: Target, clock: Callable[[], float] = time.monotonic) -> None:
        self.target = target
        self._clock = clock
        self._started = clock()
        self._deadline = self._started + target.connect_timeout
        self._retries = 0

    def timeout(self) -> int:
        """The connect_timeout for the next attempt: what is left of the target's."""
        return max(_MIN_ATTEMPT, int(self._deadline - self._clock()))

    def failed(self, failure: str) -> float:
        """The pause before the next attempt, or :class:`NeonConnectError` explaining ``failure``."""
        now = self._clock()
        diagnosis = diagnose(self.target, failure, waited=now - self._started)
        pause = RETRY_BACKOFF[min(self._retries, len(RETRY_BACKOFF) - 1)]
        if not diagnosis.worth_retrying(self.target) or now + pause + _MIN_ATTEMPT > self._deadline:
            raise NeonConnectError(diagnosis.message(self.target)) from None
        self._retries += 1
        return pause


def connect(target: Target, **kwargs: Any) -> psycopg.Connection[Any]:
    """Open a proven ``verify-full`` connection to ``target`` (kwargs go to psycopg)."""
    psycopg = require_psycopg()
    attempts = Attempts(target)
    options = {**target.session_options(), **kwargs}
    while True:
        try:
            conn = psycopg.Connection.connect(target.conninfo.text, connect_timeout=attempts.timeout(), **options)
        except psycopg.Error as error:
            pause = attempts.failed(str(error))
        else:
            try:
                prove(conn.pgconn, target)
            except NeonConnectError:
                conn.close()
                raise
            return conn
        time.sleep(pause)


async def connect_async(target: Target, **kwargs: Any) -> psycopg.AsyncConnection[Any]:
    """The asynchronous twin of :func:`connect`."""
    psycopg = require_psycopg()
    attempts = Attempts(target)
    options = {**target.session_options(), **kwargs}
    while True:
        try:
            conn = await psycopg.AsyncConnection.connect(
                target.conninfo.text, connect_timeout=attempts.timeout(), **options
            )
        except psycopg.Error as error:
            pause = attempts.failed(str(error))
        else:
            try:
                prove(conn.pgconn, target)
            except NeonConnectError:
                await conn.close()
                raise
            return conn
        await asyncio.sleep(pause)


def prove(pgconn: Any, target: Target) -> None:
    """Fail unless libpq reports TLS in use and an effective sslmode of verify-full."""
    info = {option.keyword: option.val for option in pgconn.info}
    sslmode = (info.get(b"sslmode") or b"").decode()
    if not pgconn.ssl_in_use or sslmode != "verify-full":
        raise NeonConnectError(
            f"connected to {target.describe()} but could not prove a verified TLS connection "
            f"(libpq reports ssl_in_use={bool(pgconn.ssl_in_use)}, sslmode={sslmode or 'unset'}). "
            "Fix: use a libpq/psycopg build with TLS support and do not override sslmode."
        )


@dataclass(frozen=True)
class TlsInfo:
    """What the server reports about the TLS session (``pg_stat_ssl``)."""

    protocol: str | None
    cipher: str | None

    @classmethod
    def from_row(cls, row: tuple[Any, ...] | None) -> TlsInfo:
        """From a row of :data:`TLS_INFO_QUERY`: ``(ssl, version, cipher)``."""
        if row is None or not row[0]:
            return cls(None, None)
        return cls(row[1], row[2])

    def describe(self) -> str:
        if self.protocol is None:
            return "TLS not visible in pg_stat_ssl (terminated by a proxy, as on Neon)"
        return f"{self.protocol} {self.cipher}"


TLS_INFO_QUERY = "SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
