"""A PostgreSQL front on 127.0.0.1 that answers each connection from a script, as Neon's proxy would.

Each accepted connection takes the next step of the script (the last step repeats):

* :class:`Refuse` completes TLS with the given certificate, reads the startup message and
  answers with an ErrorResponse (severity ERROR, SQLSTATE XX000), as Neon's proxy does for
  its own errors;
* :class:`Forward` relays the connection, TLS and all, to the real server after ``delay``
  seconds of silence (a compute waking up while the client waits).

libpq really parses these answers, so the plugin's retry and diagnosis meet the bytes Neon
sends, without Neon. It speaks only as much of the protocol as that needs.
"""

from __future__ import annotations

import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from pytest_neon_tls.certificates import ServerCertificate

_SSL_REQUEST = 80877103
_GSSENC_REQUEST = 80877104


@dataclass(frozen=True)
class Refuse:
    """Answer with Neon-style ``ERROR: <text>`` after the TLS handshake."""

    text: str


@dataclass(frozen=True)
class Forward:
    """Relay to the real server, after ``delay`` seconds without a byte."""

    delay: float = 0.0


Step = Refuse | Forward


class ScriptedFront:
    """Listen on 127.0.0.1; :attr:`seen` records each connection's step and SNI name."""

    def __init__(self, script: list[Step], upstream_port: int, certificate: ServerCertificate, directory: Path) -> None:
        self.script = list(script)
        self.seen: list[tuple[Step, str | None]] = []
        self._upstream = ("127.0.0.1", upstream_port)
        self._cert_file = directory / "front.crt"
        self._key_file = directory / "front.key"
        self._cert_file.write_bytes(certificate.cert_pem)
        self._key_file.write_bytes(certificate.key_pem)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]

    @contextmanager
    def running(self) -> Iterator[ScriptedFront]:
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            try:
                self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() below
            except OSError:
                pass
            self._listener.close()
            thread.join(5)

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
            threading.Thread(target=self._handle, args=(client, step), daemon=True).start()

    def _handle(self, client: socket.socket, step: Step) -> None:
        with client, suppress(OSError):  # a client that gives up (as libpq does on a bad certificate)
            request = _read_request(client)
            if isinstance(step, Forward):
                self.seen.append((step, None))
                time.sleep(step.delay)
                _relay(client, request, self._upstream)
                return
            client.sendall(b"S")
            names: list[str | None] = []
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self._cert_file, self._key_file)
            context.sni_callback = lambda _sock, name, _ctx: names.append(name)
            with context.wrap_socket(client, server_side=True) as tls:
                (length,) = struct.unpack("!i", _read_exactly(tls, 4))
                _read_exactly(tls, length - 4)  # the startup message: user, database, options
                self.seen.append((step, names[0] if names else None))
                tls.sendall(_error_response(step.text))


def _read_request(client: socket.socket) -> bytes:
    """The SSLRequest (after declining a GSSENCRequest, as a server without GSSAPI does)."""
    while True:
        request = _read_exactly(client, 8)
        if struct.unpack("!ii", request)[1] != _GSSENC_REQUEST:
            return request
        client.sendall(b"N")


def _relay(client: socket.socket, first: bytes, upstream: tuple[str, int]) -> None:
    with socket.create_connection(upstream) as server:
        server.sendall(first)
        pump = threading.Thread(target=_pipe, args=(server, client), daemon=True)
        pump.start()
        _pipe(client, server)
        pump.join(5)


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while chunk := source.recv(65536):
            sink.sendall(chunk)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def _read_exactly(sock: socket.socket | ssl.SSLSocket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("the client closed the connection")
        data += chunk
    return data


def _error_response(text: str) -> bytes:
    fields = ((b"S", "ERROR"), (b"V", "ERROR"), (b"C", "XX000"), (b"M", text))
    body = b"".join(kind + value.encode() + b"\0" for kind, value in fields) + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body
