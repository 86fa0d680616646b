"""The connection policy: harden a conninfo to ``verify-full``, connect, prove it, explain failures.

* :func:`harden` turns any DSN into one that demands ``sslmode=verify-full`` with a concrete
  ``sslrootcert`` (a weaker mode is upgraded and reported), ``connect_timeout`` 10 s unless set,
  and ``channel_binding=require`` for Neon hosts unless set.
* :func:`connect` / :func:`connect_async` open a psycopg connection with a bounded retry for
  Neon compute wake-up, then :func:`prove` that TLS is in use with ``verify-full``.
* Failures become :class:`NeonConnectError` whose message names the cause and the fix and
  never holds the password; psycopg's exception (which may embed the conninfo) is not chained.

psycopg is imported lazily so that the plugin loads without it.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import socket
import ssl
import struct
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flake8_neon.conninfo import Conninfo, is_neon_host, parse, redact

from .roots import RootBundle

if TYPE_CHECKING:
    import psycopg

INSTALL_COMMAND = "pip install 'neon-tls[pytest]'"
DEFAULT_CONNECT_TIMEOUT = 10
#: Pauses between attempts while a Neon compute wakes up; the connect timeout bounds the total.
RETRY_BACKOFF = (0.25, 0.5, 1.0, 2.0)
_SSL_REQUEST = struct.pack("!ii", 8, 80877103)


class NeonTlsError(Exception):
    """Base class of the plugin's errors; messages never contain a password."""


class NeonConnectError(NeonTlsError):
    """A connection could not be made or could not be proven to use ``verify-full``."""


class RedactedStr(str):
    """A connection string that shows its password masked in ``repr`` (tracebacks, --showlocals).

    ``str()`` and formatting give the real value, so drivers can use it as is.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(redact(str(self)))


def require_psycopg() -> Any:
    """Import psycopg or fail with the exact install command."""
    try:
        import psycopg
    except ImportError:
        raise NeonTlsError(f"psycopg is not installed; neon-tls fixtures need it. Fix: {INSTALL_COMMAND}") from None
    return psycopg


@dataclass(frozen=True)
class Hardened:
    """A conninfo rewritten by :func:`harden` and what was changed."""

    conninfo: Conninfo
    upgraded_from: str | None  # the weaker sslmode the DSN asked for, if any
    upgrade_reason: str | None


def harden(conninfo: Conninfo, root: RootBundle, environ: Mapping[str, str] | None = None) -> Hardened:
    """Demand verify-full with ``root`` as sslrootcert; add Neon defaults (see module doc)."""
    env = os.environ if environ is None else environ
    verdict = conninfo.tls(env)
    params = conninfo.params
    values = {"sslmode": "verify-full", "sslrootcert": str(root.path)}
    if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in env:
        values["connect_timeout"] = str(DEFAULT_CONNECT_TIMEOUT)
    neon = any(is_neon_host(host) for host in conninfo.hosts)
    if neon and "channel_binding" not in params and "PGCHANNELBINDING" not in env:
        values["channel_binding"] = "require"
    text = conninfo.with_params(**values)
    upgraded = None if verdict.verify_full else verdict.sslmode
    reason = None
    if upgraded is not None:
        reason = (
            f"the DSN asks for sslmode={verdict.sslmode} (from {verdict.source}): "
            f"{verdict.reason}. neon-tls connects with sslmode=verify-full instead; "
            "set sslmode=verify-full in the DSN to silence this warning."
        )
    return Hardened(parse(text), upgraded, reason)


@dataclass(frozen=True)
class Target:
    """Where tests connect: a hardened conninfo, its root bundle, and whether it is embedded."""

    conninfo: Conninfo
    root: RootBundle
    embedded: bool
    neon: bool = field(default=False)

    @property
    def dsn(self) -> RedactedStr:
        return RedactedStr(self.conninfo.text)

    def describe(self) -> str:
        return self.conninfo.redacted()

    def derive(self, **params: str) -> Target:
        """The same target with some keywords replaced (another database, role, options)."""
        forbidden = {"sslmode", "sslrootcert"} & set(params)
        if forbidden:
            raise NeonTlsError(
                f"{', '.join(sorted(forbidden))} cannot be overridden: neon-tls always uses "
                "sslmode=verify-full with the configured root bundle"
            )
        return Target(parse(self.conninfo.with_params(**params)), self.root, self.embedded, self.neon)


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


def tls_info(conn: psycopg.Connection[Any]) -> TlsInfo:
    """Read protocol and cipher of this connection from ``pg_stat_ssl``."""
    return TlsInfo.from_row(conn.execute(TLS_INFO_QUERY).fetchone())


def connect(target: Target, **kwargs: Any) -> psycopg.Connection[Any]:
    """Open a proven ``verify-full`` connection to ``target`` (kwargs go to psycopg)."""
    psycopg = require_psycopg()
    deadline = time.monotonic() + _timeout(target)
    for attempt in range(len(RETRY_BACKOFF) + 1):
        try:
            conn = psycopg.Connection.connect(target.conninfo.text, connect_timeout=_remaining(deadline), **kwargs)
        except psycopg.OperationalError as exc:
            failure = sanitize(str(exc), target.conninfo)
        else:
            _prove_or_close(conn, target)
            return conn
        if not _should_retry(target, failure, attempt, deadline):
            break
        time.sleep(RETRY_BACKOFF[attempt])
    raise NeonConnectError(explain(target, failure))


async def connect_async(target: Target, **kwargs: Any) -> psycopg.AsyncConnection[Any]:
    """The asynchronous twin of :func:`connect`."""
    psycopg = require_psycopg()
    deadline = time.monotonic() + _timeout(target)
    for attempt in range(len(RETRY_BACKOFF) + 1):
        try:
            conn = await psycopg.AsyncConnection.connect(
                target.conninfo.text, connect_timeout=_remaining(deadline), **kwargs
            )
        except psycopg.OperationalError as exc:
            failure = sanitize(str(exc), target.conninfo)
        else:
            try:
                prove(conn.pgconn, target)
            except NeonConnectError:
                await conn.close()
                raise
            return conn
        if not _should_retry(target, failure, attempt, deadline):
            break
        await asyncio.sleep(RETRY_BACKOFF[attempt])
    raise NeonConnectError(explain(target, failure))


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


def _prove_or_close(conn: psycopg.Connection[Any], target: Target) -> None:
    try:
        prove(conn.pgconn, target)
    except NeonConnectError:
        conn.close()
        raise


def _timeout(target: Target) -> float:
    value = target.conninfo.params.get("connect_timeout") or os.environ.get("PGCONNECT_TIMEOUT")
    try:
        seconds = int(value) if value else DEFAULT_CONNECT_TIMEOUT
    except ValueError:
        seconds = DEFAULT_CONNECT_TIMEOUT
    return float(max(seconds, 2))  # libpq and psycopg treat anything below 2 s as 2 s


def _remaining(deadline: float) -> int:
    return max(2, int(deadline - time.monotonic()))


_TRANSIENT = (
    "connection refused",
    "server closed the connection unexpectedly",
    "could not receive data",
    "compute",  # Neon proxy: compute node is starting / could not connect to compute
    "terminating connection due to administrator command",
)


def _should_retry(target: Target, failure: str, attempt: int, deadline: float) -> bool:
    """Retry only Neon wake-up symptoms, only while the connect timeout leaves room."""
    if not target.neon or attempt >= len(RETRY_BACKOFF):
        return False
    lowered = failure.lower()
    if not any(symptom in lowered for symptom in _TRANSIENT):
        return False
    return deadline - time.monotonic() > RETRY_BACKOFF[attempt] + 2


# -- failure diagnosis ----------------------------------------------------------------------


def sanitize(message: str, conninfo: Conninfo) -> str:
    """Mask any secret value of ``conninfo`` that appears in ``message``."""
    for secret in conninfo.secrets:
        message = message.replace(secret, "****")
    return redact(message)


def explain(target: Target, failure: str) -> str:
    """A message naming the cause and the fix for a failed verify-full connection."""
    said = sanitize(failure.strip(), target.conninfo)
    lowered = said.lower()
    root = target.root.describe()
    if "does not match host name" in lowered or "could not get server's host name" in lowered:
        cause = "the server's certificate does not name the host you connect to (host name mismatch)"
        fix = (
            "connect with a host name listed in the certificate's subjectAltName (the CN is "
            "ignored when SANs exist; a wildcard covers exactly one label), or have the server "
            "present a certificate for this host"
        )
    elif "certificate verify failed" in lowered:
        cause, fix = _verify_failure(target)
    elif "root certificate file" in lowered:
        cause = f"the root certificate file is missing or unreadable ({root})"
        fix = "pass --neon-sslrootcert PATH with the CA that signed the server's certificate"
    elif "server does not support ssl" in lowered or "no encryption" in lowered:
        cause = "the server does not offer TLS"
        fix = "enable ssl=on on the server (Neon always does); neon-tls never connects without TLS"
    elif "timeout expired" in lowered or "timed out" in lowered:
        cause = (
            f"no answer within the connect timeout ({int(_timeout(target))} s): the host is "
            "unreachable, silent, or not a PostgreSQL server"
        )
        fix = "check host and port, firewalls and that the server is up; raise connect_timeout if needed"
    elif "connection refused" in lowered:
        cause = "nothing listens on that host and port (connection refused)"
        fix = "check the host and port, and that the server (or Neon endpoint) is running"
    elif "resolve host" in lowered or "translate host name" in lowered:
        cause = "the host name does not resolve"
        fix = "check the host name in the DSN (Neon: copy it from the console)"
    elif "channel binding" in lowered:
        cause = "the server does not support channel binding (SCRAM-SHA-256-PLUS)"
        fix = "set channel_binding=prefer or disable in the DSN if the server cannot do it"
    elif "password authentication failed" in lowered or "authentication" in lowered:
        cause = "the server rejected the credentials"
        fix = "check the user and password (Neon: reset the role's password in the console)"
    else:
        cause = "libpq could not connect"
        fix = "see libpq's message above"
    return (
        f"could not connect with sslmode=verify-full to {target.describe()}: {cause}.\n"
        f"  libpq said: {said}\n"
        f"  trusted roots: {root}\n"
        f"  Fix: {fix}."
    )


def _verify_failure(target: Target) -> tuple[str, str]:
    """Find out why the chain failed by asking OpenSSL (Python's ssl) with the same roots."""
    reason, not_before, not_after = _probe_certificate(target)
    lowered = (reason or "").lower()
    if "expired" in lowered:
        return (
            f"the server's certificate has expired (valid until {not_after})",
            "renew the server certificate (and check this machine's clock)",
        )
    if "not yet valid" in lowered:
        return (
            f"the server's certificate is not yet valid (valid from {not_before})",
            "check this machine's clock, or wait until the certificate becomes valid",
        )
    detail = f" ({reason})" if reason else ""
    return (
        f"the server's certificate is not signed by a CA in the trusted roots{detail}",
        "pass --neon-sslrootcert PATH with the CA that signed the server's certificate "
        "(for Neon: a bundle containing ISRG Root X1)",
    )


def _probe_certificate(target: Target) -> tuple[str | None, str | None, str | None]:
    """TLS handshake (no credentials) with the target, verified against its root bundle.

    Returns OpenSSL's verification message and the certificate's validity dates, or Nones
    when the probe cannot tell.
    """
    params = target.conninfo.params
    host = target.conninfo.hosts[0]
    address = (params.get("hostaddr") or "").split(",")[0] or host
    try:
        port = int((params.get("port") or "5432").split(",")[0])
    except ValueError:
        return None, None, None
    context = ssl.create_default_context(cafile=str(target.root.path))
    context.check_hostname = False
    try:
        with socket.create_connection((address, port), timeout=_timeout(target)) as sock:
            sock.sendall(_SSL_REQUEST)
            if sock.recv(1) != b"S":
                return None, None, None
            try:
                with context.wrap_socket(sock, server_hostname=host):
                    return None, None, None
            except ssl.SSLCertVerificationError as error:
                reason = error.verify_message
        not_before, not_after = _validity(address, port, host, target)
    except (OSError, ValueError):
        return None, None, None
    return reason, not_before, not_after


def _validity(address: str, port: int, host: str, target: Target) -> tuple[str | None, str | None]:
    """The certificate's notBefore/notAfter, read without verification (for the message only)."""
    from cryptography import x509

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((address, port), timeout=_timeout(target)) as sock:
        sock.sendall(_SSL_REQUEST)
        if sock.recv(1) != b"S":
            return None, None
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    if not der:
        return None, None
    cert = x509.load_der_x509_certificate(der)
    return _utc(cert.not_valid_before_utc), _utc(cert.not_valid_after_utc)


def _utc(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
