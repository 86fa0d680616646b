"""Why a connection failed, in the server's terms, and the fix: a table of symptom, cause and fix.

:data:`SYMPTOMS` is read top to bottom; the first row whose text appears in libpq's message
wins. A row also says whether the failure is worth another attempt (:attr:`Symptom.retry`):
Neon's proxy reports a compute that is still waking up, or a control plane that is busy, with
texts of its own, while a wrong password, a disabled endpoint, an exhausted quota or a missing
SNI name stay wrong however often one asks. Neon's texts come from its proxy
(``neondatabase/neon``, ``proxy/src/``); the proxy sends each as an ERROR with SQLSTATE XX000,
which libpq prints as ``connection to server at ... failed: ERROR:  <text>``.

libpq only says "certificate verify failed" for every certificate problem, so that row asks
OpenSSL itself: one TLS handshake (no credentials sent) with the same roots names the real cause.
libpq says "timeout expired" alike for a host that never answers and for Neon holding the
connection while a suspended compute starts; for a Neon host that row asks whether Neon's proxy
answers an SSLRequest at all.
"""

from __future__ import annotations

import contextlib
import datetime
import socket
import ssl
import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from flake8_neon.conninfo import Conninfo, redact

from .target import Target

_SSL_REQUEST = struct.pack("!ii", 8, 80877103)
#: How long a probe of Neon's proxy may take; it runs only after a connection failed.
_PROBE_TIMEOUT = 2.0
_ROOT_FIX = "pass --neon-sslrootcert PATH with the CA that signed the server's certificate"

#: ``never``: retrying cannot help; ``always``: a passing state whatever the host; ``neon``: passing
#: when the target is a Neon endpoint (a compute suspending or waking), final elsewhere.
Retry = Literal["never", "always", "neon"]


@dataclass(frozen=True)
class Symptom:
    """One row: fragments of libpq's message (lower case, any of them matches), cause and fix.

    ``cause`` and ``fix`` may name ``{user}``, ``{endpoint}``, ``{root}`` and ``{waited}``.
    ``refine``, when set, replaces them with what it finds out about the target; it gets the
    target, libpq's message and those same facts.
    """

    says: tuple[str, ...]
    cause: str
    fix: str
    retry: Retry = "never"
    refine: Callable[[Target, str, Mapping[str, str]], tuple[str, str]] | None = None


@dataclass(frozen=True)
class Diagnosis:
    """What went wrong with one connection attempt, and whether another attempt may help."""

    said: str
    cause: str
    fix: str
    retry: Retry

    def worth_retrying(self, target: Target) -> bool:
        return self.retry == "always" or (self.retry == "neon" and target.neon)

    def message(self, target: Target) -> str:
        return (
            f"could not connect with sslmode=verify-full to {target.describe()}: {self.cause}.\n"
            f"  libpq said: {self.said}\n"
            f"  trusted roots: {target.root.describe()}\n"
            f"  Fix: {self.fix}."
        )


def _certificate(target: Target, said: str, facts: Mapping[str, str]) -> tuple[str, str]:
    """Find out why the chain failed by asking OpenSSL (Python's ssl) with the same roots."""
    reason, not_before, not_after = probe_certificate(target)
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
        f"{_ROOT_FIX} (for Neon: a bundle containing ISRG Root X1)",
    )


def _host_mismatch(target: Target, said: str, facts: Mapping[str, str]) -> tuple[str, str]:
    """A name mismatch; with Neon's certificate and no host name, the missing SNI is the real story."""
    if "neon.tech" in said.lower() and not target.neon:
        return (
            "the server's certificate is Neon's (a wildcard for its region), but the connection names no "
            "Neon host, only an address: verify-full cannot match an address against it, and without a host "
            "name libpq sends no SNI, which Neon needs to route to the endpoint",
            "connect with host=<endpoint-id>.<region>.aws.neon.tech as the console shows it; hostaddr=<ip> may "
            "stay to pin the address (with an old libpq that sends no SNI, add options=endpoint%3D<endpoint-id>)",
        )
    return (
        "the server's certificate does not name the host you connect to (host name mismatch)",
        "connect with a host name listed in the certificate's subjectAltName (the CN is ignored when SANs "
        "exist; a wildcard covers exactly one label), or have the server present a certificate for this host",
    )


def _channel_binding(target: Target, said: str, facts: Mapping[str, str]) -> tuple[str, str]:
    """Channel binding refused; to a Neon host, the cleartext password request is Neon's no-SNI fallback."""
    if target.neon and "not supported by server's authentication request" in said.lower():
        endpoint = facts["endpoint"]
        return (
            "Neon's proxy could not tell which endpoint to route to, because the TLS handshake carried no server "
            "name (SNI: the DSN sets sslsni=0, or libpq is older than 14), so it asked for a cleartext password "
            "(its fallback for such clients, with the endpoint id in the password), and channel_binding=require "
            "refuses to answer anything but SCRAM-SHA-256-PLUS",
            "let libpq send SNI (remove sslsni=0, or use libpq 14 or newer), or name the endpoint in the options, "
            f"which keeps channel binding: options=endpoint%3D{endpoint} (in a URI: ?options=endpoint%3D{endpoint})",
        )
    return (
        "the server does not authenticate with channel binding (SCRAM-SHA-256-PLUS), which the DSN requires "
        "(PgBouncer, for one, does not offer it)",
        "set channel_binding=prefer (or disable) in the DSN for this server; Neon's proxy supports it",
    )


def _timeout(target: Target, said: str, facts: Mapping[str, str]) -> tuple[str, str]:
    """No answer in time; from Neon, a proxy that answers means the compute was still starting."""
    if target.neon and _answers_ssl_request(target):
        return (
            f"Neon's proxy answered, but the endpoint's compute did not start within {facts['waited']}: Neon holds "
            "the connection without a word until a suspended compute is up, which takes from a few hundred "
            "milliseconds to seconds",
            f"raise connect_timeout in the DSN (Neon's examples use 10 s); if the compute never starts, check the "
            f"endpoint {_NEON_CONSOLE} and https://neonstatus.com",
        )
    return (
        f"no answer within {facts['waited']}: the host is unreachable, silent, or not a PostgreSQL server",
        "check host and port, firewalls and that the server is up; raise connect_timeout if needed",
    )


_NEON_CONSOLE = "in the Neon console"

#: Read top to bottom; the first match wins. Neon's own texts come first: they are embedded
#: in libpq's generic wording.
SYMPTOMS: tuple[Symptom, ...] = (
    # -- Neon's proxy and control plane --------------------------------------------------------
    Symptom(
        ("endpoint id is not specified",),
        "Neon's proxy could not tell which endpoint to route to: the TLS handshake carried no server name "
        "(SNI). libpq sends SNI only for a host name, not for an IP address given as host or hostaddr, "
        "and not with sslsni=0",
        "connect with host={endpoint}.<region>.aws.neon.tech as the console shows it (hostaddr=<ip> may stay "
        "to pin the address), or name the endpoint in the options: options=endpoint%3D{endpoint} "
        "(in a URI: ?options=endpoint%3D{endpoint})",
    ),
    Symptom(
        ("password authentication failed",),
        "the server rejected the password of role {user}",
        f"check the user and password (Neon: copy the connection string {_NEON_CONSOLE}, or reset the "
        "role's password there)",
    ),
    Symptom(
        ("endpoint is disabled",),
        "the Neon endpoint is disabled: Neon's control plane allows no connections to it",
        f"enable the endpoint (compute) {_NEON_CONSOLE} or through Neon's API, or connect to another endpoint",
    ),
    Symptom(
        ("check your quotas", "quota"),
        "Neon will not start this endpoint: a quota of the project or account is used up (compute time, "
        "data transfer, storage), or the project is in maintenance",
        f"check the project's usage and limits {_NEON_CONSOLE} (raise them or upgrade the plan), or contact "
        "Neon support",
    ),
    Symptom(
        ("limit of concurrently active endpoints",),
        "the project already runs as many active computes as its plan allows",
        f"let another compute of the project suspend, or raise the limit {_NEON_CONSOLE}",
    ),
    Symptom(
        ("endpoint cannot be found", "endpoint not found"),
        "Neon knows no endpoint {endpoint}: it was deleted, or the host name is mistyped",
        f"copy the host name {_NEON_CONSOLE}",
    ),
    Symptom(
        ("not allowed to connect to this endpoint", "from a blocked network"),
        "the project's IP allowlist does not include this machine's address",
        f"add this machine's address to the project's IP Allow list {_NEON_CONSOLE}, or run the tests from "
        "an allowed network",
    ),
    Symptom(
        ("couldn't connect to compute node",),
        "Neon's proxy could not reach the endpoint's compute; it was still starting after a suspend, or "
        "restarting, and did not come up within {waited}",
        "raise connect_timeout in the DSN if the compute needs longer to start; if it never comes up, check "
        f"the endpoint {_NEON_CONSOLE} and https://neonstatus.com",
        retry="always",
    ),
    Symptom(
        ("failed to acquire permit", "too many connections to this endpoint", "too many connections attempts"),
        "Neon is throttling connection attempts to this endpoint, and still was after {waited}",
        "open fewer connections at once (fewer pytest-xdist workers), or raise connect_timeout to wait longer",
        retry="always",
    ),
    Symptom(
        ("control plane request failed",),
        "Neon's proxy got no usable answer from Neon's control plane (a passing fault) within {waited}",
        "run the tests again; if it persists, check https://neonstatus.com",
        retry="always",
    ),
    # -- the server or the network --------------------------------------------------------------
    Symptom(
        ("the database system is starting up",),
        "the server was still starting up after {waited}",
        "wait for the server to finish starting, or raise connect_timeout",
        retry="always",
    ),
    Symptom(
        ("terminating connection due to administrator command", "server closed the connection unexpectedly"),
        "the server closed the connection while it was being set up (a Neon compute suspending or "
        "restarting, or a server shutting down)",
        "check that the server is up and stays up (Neon: the endpoint's state in the console)",
        retry="neon",
    ),
    Symptom(
        ("host name must be specified",),
        "the DSN gives only an address (hostaddr) and no host name: verify-full needs a name to check the "
        "server's certificate against, and Neon needs one for SNI to route to the endpoint",
        "add host=<name in the certificate> (Neon: host={endpoint}.<region>.aws.neon.tech as the console shows "
        "it); hostaddr=<ip> may stay to pin the address. With a libpq that sends no SNI, Neon also needs "
        "options=endpoint%3D{endpoint}",
    ),
    Symptom(
        ("does not match host name", "could not get server's host name"),
        "",
        "",
        refine=_host_mismatch,
    ),
    Symptom(("certificate verify failed",), "", "", refine=_certificate),
    Symptom(
        ("root certificate file",),
        "the root certificate file is missing or unreadable ({root})",
        _ROOT_FIX,
    ),
    Symptom(
        ("server does not support ssl", "no encryption"),
        "the server does not offer TLS",
        "enable ssl=on on the server (Neon always does); neon-tls never connects without TLS",
    ),
    Symptom(("timeout expired", "timed out"), "", "", refine=_timeout),
    Symptom(
        ("connection refused",),
        "nothing listens on that host and port (connection refused)",
        "check the host and port, and that the server (or Neon endpoint) is running",
    ),
    Symptom(
        ("resolve host", "translate host name", "name or service not known"),
        "the host name does not resolve",
        "check the host name in the DSN (Neon: copy it from the console)",
    ),
    Symptom(("channel binding",), "", "", refine=_channel_binding),
    Symptom(
        ("does not exist",),
        "the database or role named in the DSN does not exist on the server",
        "create it, or fix dbname/user in the DSN",
    ),
)

_FALLBACK = Symptom((), "libpq could not connect", "see libpq's message above")


def diagnose(target: Target, failure: str, waited: float | None = None) -> Diagnosis:
    """Match ``failure`` (libpq's message) against :data:`SYMPTOMS`; ``waited`` is the time spent so far."""
    said = sanitize(failure.strip(), target.conninfo)
    symptom = symptom_for(said)
    facts = {
        "user": repr(target.conninfo.params.get("user") or "(default user)"),
        "endpoint": target.endpoint_id or "<endpoint-id>",
        "root": target.root.describe(),
        "waited": describe_wait(target, said, waited),
    }
    if symptom.refine is not None:
        cause, fix = symptom.refine(target, said, facts)
    else:
        cause, fix = symptom.cause.format(**facts), symptom.fix.format(**facts)
    return Diagnosis(said, cause, fix, symptom.retry)


def symptom_for(said: str) -> Symptom:
    """The first row of :data:`SYMPTOMS` whose text appears in ``said``."""
    lowered = said.lower()
    return next((row for row in SYMPTOMS if any(text in lowered for text in row.says)), _FALLBACK)


def describe_wait(target: Target, said: str, waited: float | None) -> str:
    """The real wait: psycopg applies connect_timeout to every host address it tries, one after another."""
    addresses = max(1, said.count("\n- host:"))
    per_address = f"connect_timeout={target.connect_timeout} s"
    if waited is None:
        return f"the connect timeout ({per_address})"
    if addresses == 1:
        return f"{waited:.1f} s ({per_address})"
    return f"{waited:.1f} s ({per_address} for each of the {addresses} addresses tried)"


def sanitize(message: str, conninfo: Conninfo) -> str:
    """Mask any secret value of ``conninfo`` that appears in ``message``."""
    for secret in conninfo.secrets:
        message = message.replace(secret, "****")
    return redact(message)


def probe_certificate(target: Target) -> tuple[str | None, str | None, str | None]:
    """TLS handshake (no credentials) with the target, verified against its root bundle.

    Returns OpenSSL's verification message and the certificate's validity dates, or Nones
    when the probe cannot tell.
    """
    host = target.conninfo.hosts[0]
    context = ssl.create_default_context(cafile=str(target.root.path))
    context.check_hostname = False
    try:
        with _ssl_request(target, target.connect_timeout) as sock:
            if sock is None:
                return None, None, None
            try:
                with context.wrap_socket(sock, server_hostname=host):
                    return None, None, None
            except ssl.SSLCertVerificationError as error:
                reason = error.verify_message
        not_before, not_after = _validity(target, host)
    except (OSError, ValueError):
        return None, None, None
    return reason, not_before, not_after


def _validity(target: Target, host: str) -> tuple[str | None, str | None]:
    """The certificate's notBefore/notAfter, read without verification (for the message only)."""
    from cryptography import x509

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with _ssl_request(target, target.connect_timeout) as sock:
        if sock is None:
            return None, None
        with context.wrap_socket(sock, server_hostname=host) as tls:
            der = tls.getpeercert(binary_form=True)
    if not der:
        return None, None
    cert = x509.load_der_x509_certificate(der)
    return _utc(cert.not_valid_before_utc), _utc(cert.not_valid_after_utc)


def _answers_ssl_request(target: Target) -> bool:
    """Whether the target's first address answers an SSLRequest within a moment (no credentials sent)."""
    try:
        with _ssl_request(target, _PROBE_TIMEOUT) as sock:
            return sock is not None
    except (OSError, ValueError):
        return False


@contextlib.contextmanager
def _ssl_request(target: Target, timeout: float) -> Iterator[socket.socket | None]:
    """A socket to the target's first address after it accepted TLS (``S``), or None if it refused.

    Raises ``OSError`` when it cannot connect, ``ValueError`` for an unusable port.
    """
    params = target.conninfo.params
    address = (params.get("hostaddr") or "").split(",")[0] or target.conninfo.hosts[0]
    port = int((params.get("port") or "5432").split(",")[0])
    with socket.create_connection((address, port), timeout=timeout) as sock:
        sock.sendall(_SSL_REQUEST)
        yield sock if sock.recv(1) == b"S" else None


def _utc(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")
