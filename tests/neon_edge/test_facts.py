"""The stand-in against the facts it claims (:mod:`neon_edge.facts`), read off the wire.

libpq reports a connection failure as text only, so these tests speak the protocol themselves
(Python's ``ssl`` and scramp as the client) and compare every field of what the edge sends:
Neon's proxy writes exactly severity ERROR, SQLSTATE XX000 and the message, and no
non-localized severity (``V``).
"""

from __future__ import annotations

import socket
import ssl
import struct
import time

import pytest
import scramp

from neon_edge import facts, wire
from neon_edge.edge import Endpoint, NeonEdge


class RawClient:
    """A blocking protocol client: TLS (with or without SNI), start-up, SCRAM, message reading."""

    def __init__(self, edge: NeonEdge, sni: str | None) -> None:
        self.sock: socket.socket = socket.create_connection(("127.0.0.1", edge.port), timeout=10)
        self.edge = edge
        self.sni = sni

    def start_tls(self) -> None:
        self.sock.sendall(struct.pack("!II", 8, wire.SSL_REQUEST))
        assert self.sock.recv(1) == b"S"
        context = ssl.create_default_context(cafile=str(self.edge.root_cert))
        context.check_hostname = self.sni is not None
        context.set_alpn_protocols([facts.ALPN])
        self.sock = context.wrap_socket(self.sock, server_hostname=self.sni)

    def startup(self, **params: str) -> None:
        self.sock.sendall(wire.startup_message(params))

    def read(self) -> tuple[bytes, bytes]:
        kind, length = struct.unpack("!cI", self._exactly(5))
        return kind, self._exactly(length - 4)

    def scram(self, user: str, password: str) -> tuple[bytes, bytes]:
        """SCRAM-SHA-256 up to the client's final message; returns the next message from the edge."""
        kind, body = self.read()
        assert kind == b"R" and struct.unpack("!I", body[:4])[0] == wire.AUTH_SASL
        offered = tuple(name.decode() for name in body[4:].split(b"\0") if name)
        assert offered == facts.SASL_METHODS
        client = scramp.ScramClient(["SCRAM-SHA-256"], user, password)  # as pg8000 does; libpq leaves it empty
        self.sock.sendall(wire.sasl_initial_message("SCRAM-SHA-256", client.get_client_first()))
        kind, body = self.read()
        client.set_server_first(body[4:].decode())
        self.sock.sendall(wire.message(b"p", client.get_client_final().encode()))
        return self.read()

    def _exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the edge closed the connection")
            data += chunk
        return data

    def close(self) -> None:
        self.sock.close()


def assert_neon_error(message: tuple[bytes, bytes], text: str) -> None:
    kind, body = message
    assert kind == b"E"
    assert wire.error_fields(body) == {"S": facts.SEVERITY, "C": facts.SQLSTATE, "M": text}


@pytest.fixture
def client(neon_edge: NeonEdge, neon_endpoint: Endpoint):
    raw = RawClient(neon_edge, neon_edge.host(neon_endpoint.id))
    yield raw
    raw.close()


def _after_scram(client: RawClient, endpoint: Endpoint) -> list[tuple[bytes, bytes]]:
    client.start_tls()
    client.startup(user=endpoint.role, database=endpoint.dbname)
    messages = [client.scram(endpoint.role, endpoint.password)]
    while messages[-1][0] not in (b"E", b"Z"):
        messages.append(client.read())
    return messages


def test_plaintext_startup(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    raw = RawClient(neon_edge, None)
    raw.startup(user=neon_endpoint.role, database="neondb")
    assert_neon_error(raw.read(), facts.INSECURE)
    raw.close()


def test_no_endpoint_name(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    raw = RawClient(neon_edge, None)
    raw.start_tls()
    raw.startup(user=neon_endpoint.role, database="neondb")
    kind, body = raw.read()
    assert (kind, struct.unpack("!I", body[:4])[0]) == (b"R", wire.AUTH_CLEARTEXT)  # Neon's password hack
    raw.sock.sendall(wire.message(b"p", neon_endpoint.password.encode() + b"\0"))
    assert_neon_error(raw.read(), facts.MISSING_ENDPOINT)
    raw.close()


def test_wrong_password(client: RawClient, neon_endpoint: Endpoint) -> None:
    client.start_tls()
    client.startup(user=neon_endpoint.role, database="neondb")
    refusal = client.scram(neon_endpoint.role, "not-the-password")
    assert_neon_error(refusal, facts.PASSWORD_FAILED.format(user=neon_endpoint.role))


def test_alpn_and_tls_version(client: RawClient) -> None:
    client.start_tls()
    assert isinstance(client.sock, ssl.SSLSocket)
    assert client.sock.selected_alpn_protocol() == facts.ALPN
    assert client.sock.version() in ("TLSv1.2", "TLSv1.3")


@pytest.mark.parametrize(
    "text",
    [
        facts.COMPUTE_UNREACHABLE,
        facts.ENDPOINT_DISABLED,
        facts.ENDPOINT_UNAVAILABLE,
        facts.TOO_MANY_CONNECTIONS,
    ],
)
def test_failures_after_scram(neon_edge: NeonEdge, neon_endpoint: Endpoint, client: RawClient, text: str) -> None:
    if text == facts.ENDPOINT_DISABLED:
        neon_edge.set_state(neon_endpoint.id, "disabled")
    else:
        neon_edge.fail_next(neon_endpoint.id, text)
    messages = _after_scram(client, neon_endpoint)
    # Neon holds back SASLFinal and AuthenticationOk until the compute answers, then sends them anyway
    assert [kind for kind, _ in messages] == [b"R", b"R", b"E"]
    assert [struct.unpack("!I", body[:4])[0] for _, body in messages[:2]] == [wire.AUTH_SASL_FINAL, wire.AUTH_OK]
    assert_neon_error(messages[-1], text)


def test_unknown_endpoint(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    raw = RawClient(neon_edge, "ep-gone-00000000.us-east-2.aws.neon.tech")
    raw.start_tls()
    raw.startup(user=neon_endpoint.role, database="neondb")
    assert_neon_error(raw.read(), facts.ENDPOINT_NOT_FOUND)
    raw.close()


def test_the_client_waits_with_no_bytes_while_the_compute_starts(
    neon_edge: NeonEdge, neon_endpoint: Endpoint, client: RawClient
) -> None:
    neon_endpoint.wake_delay = 1.5
    neon_edge.set_state(neon_endpoint.id, "suspended")
    client.start_tls()
    client.startup(user=neon_endpoint.role, database=neon_endpoint.dbname)
    client.sock.settimeout(1.0)
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        client.scram(neon_endpoint.role, neon_endpoint.password)  # the final SCRAM answer is held back
    client.sock.settimeout(10)
    kind, body = client.read()
    assert (kind, struct.unpack("!I", body[:4])[0]) == (b"R", wire.AUTH_SASL_FINAL)
    assert time.monotonic() - started >= 1.4


def test_a_compute_error_at_log_in_keeps_its_text_and_gets_the_proxys_code(
    client: RawClient, neon_endpoint: Endpoint
) -> None:
    client.start_tls()
    client.startup(user=neon_endpoint.role, database="no_such_db")
    messages = [client.scram(neon_endpoint.role, neon_endpoint.password)]
    while messages[-1][0] != b"E":
        messages.append(client.read())
    assert_neon_error(messages[-1], 'database "no_such_db" does not exist')
