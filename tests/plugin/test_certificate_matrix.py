"""verify-full against a real TLS server, certificate by certificate (after PostgreSQL's src/test/ssl).

Each case installs a certificate on a real PostgreSQL server, then connects through the
plugin's connection policy (``connect``), which must accept exactly what libpq's verify-full
accepts, and refuse the rest with a message naming the cause and the fix.
"""

from __future__ import annotations

import datetime
import socket
import time
from collections.abc import Iterator

import pytest

from flake8_neon.conninfo import parse
from pytest_neon_tls.certificates import ServerCertificate, TestAuthority
from pytest_neon_tls.connect import connect
from pytest_neon_tls.errors import NeonConnectError
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.target import Target, harden
from pytest_neon_tls.server import EmbeddedServer

NOW = datetime.datetime.now(datetime.timezone.utc)
DAY = datetime.timedelta(days=1)


def _target(server: EmbeddedServer, host: str) -> Target:
    root = RootBundle(server.ca_file, "test CA")
    conninfo = parse(parse(server.dsn()).with_params(host=host, hostaddr="127.0.0.1"))
    return Target(harden(conninfo, root).conninfo, root, embedded=True)


@pytest.fixture(scope="module")
def serve(tls_server: EmbeddedServer) -> Iterator:
    """Install a certificate on the module's server (restarting it only when it changes)."""
    current: list[ServerCertificate] = []

    def install(certificate: ServerCertificate) -> EmbeddedServer:
        if current != [certificate]:
            tls_server.install_certificate(certificate)
            tls_server.restart()
            current[:] = [certificate]
        return tls_server

    yield install
    tls_server.install_certificate(tls_server.authority.server_certificate())


def _case(name: str, host: str, accepted: bool, cause: str = ""):
    return pytest.param(name, host, accepted, cause, id=f"{name}-{host}")


CERTIFICATES = {
    "default": lambda ca: ca.server_certificate(),
    "san-other": lambda ca: ca.issue(san=("other.example",)),
    "cn-only": lambda ca: ca.issue(common_name="localhost"),
    "cn-ignored-when-san": lambda ca: ca.issue(san=("other.example",), common_name="localhost"),
    "wildcard": lambda ca: ca.issue(san=("*.neon.test",)),
    "ip-san": lambda ca: ca.issue(san=("127.0.0.1",)),
    "expired": lambda ca: ca.issue(san=("localhost",), not_before=NOW - 10 * DAY, not_after=NOW - DAY),
    "not-yet-valid": lambda ca: ca.issue(san=("localhost",), not_before=NOW + DAY, not_after=NOW + 10 * DAY),
    "untrusted-ca": lambda ca: TestAuthority().server_certificate(),
}
_cache: dict[str, ServerCertificate] = {}

MISMATCH = "host name mismatch"


@pytest.mark.parametrize(
    ("name", "host", "accepted", "cause"),
    [
        _case("default", "localhost", True),
        _case("default", "127.0.0.1", True),
        _case("default", "db.neon.test", False, MISMATCH),
        _case("san-other", "localhost", False, MISMATCH),
        _case("san-other", "other.example", True),
        _case("cn-only", "localhost", True),
        _case("cn-only", "db.neon.test", False, MISMATCH),
        _case("cn-ignored-when-san", "localhost", False, MISMATCH),
        _case("wildcard", "db.neon.test", True),
        _case("wildcard", "a.b.neon.test", False, MISMATCH),
        _case("wildcard", "neon.test", False, MISMATCH),
        _case("ip-san", "127.0.0.1", True),
        _case("ip-san", "localhost", False, MISMATCH),
        _case("expired", "localhost", False, "certificate has expired"),
        _case("not-yet-valid", "localhost", False, "certificate is not yet valid"),
        _case("untrusted-ca", "localhost", False, "not signed by a CA in the trusted roots"),
    ],
)
def test_verify_full_matrix(
    serve, tls_server: EmbeddedServer, name: str, host: str, accepted: bool, cause: str
) -> None:
    certificate = _cache.setdefault(name, CERTIFICATES[name](tls_server.authority))
    server = serve(certificate)
    target = _target(server, host)
    if accepted:
        with connect(target) as conn:
            assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
        return
    with pytest.raises(NeonConnectError) as refused:
        connect(target)
    message = str(refused.value)
    assert cause in message
    assert "Fix: " in message
    assert target.conninfo.params["password"] not in message


def test_server_without_tls_is_refused(pg_binaries, tmp_path) -> None:
    server = EmbeddedServer(pg_binaries, base_dir=tmp_path, settings={"ssl": "off"})
    with server:
        with pytest.raises(NeonConnectError, match="the server does not offer TLS") as refused:
            connect(_target(server, "localhost"))
    assert "neon-tls never connects without TLS" in str(refused.value)


def test_nothing_listening_is_refused_fast(tls_server: EmbeddedServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: connection refused
        target = _target(tls_server, "localhost").derive(port=str(port))
        started = time.monotonic()
        with pytest.raises(NeonConnectError, match=r"(?s)connection refused.*  Fix: check the host and port"):
            connect(target)
    assert time.monotonic() - started < 2


def test_silent_host_errors_within_the_connect_timeout(tls_server: EmbeddedServer) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts the TCP connection, never answers the SSLRequest
        target = _target(tls_server, "localhost").derive(port=str(silent.getsockname()[1]), connect_timeout="2")
        started = time.monotonic()
        with pytest.raises(NeonConnectError, match=r"no answer within 2\.\d s \(connect_timeout=2 s\)"):
            connect(target)
    assert 1.5 < time.monotonic() - started < 4
