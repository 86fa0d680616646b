"""The edge's asyncio proxy: Neon's client-facing handshake, then a byte relay to a backend.

How much protocol it speaks, and why. Neon's proxy is not a TCP forwarder: it terminates TLS,
reads the start-up packet, runs SCRAM with the client itself (it holds the role's secret, not
the compute), asks the control plane to wake the compute, logs in to the compute on the client's
behalf and only then copies bytes both ways. Every error a client can meet before the relay
therefore comes from the proxy, with its own texts, severity ERROR and SQLSTATE XX000
(:mod:`.facts`). To reproduce that, this proxy speaks exactly the same part of the protocol:

- the encryption negotiation (SSLRequest, direct TLS with ALPN, a refused GSSENCRequest, a
  plaintext start-up refused with Neon's text) and CancelRequest, which it forwards to the
  backend that issued the key;
- the start-up packet (endpoint from the SNI's first label or ``options=endpoint=<id>``, the
  cleartext "password hack" Neon asks for without either);
- SCRAM as the server (``scramp``: SCRAM-SHA-256-PLUS with ``tls-server-end-point`` of the leaf
  it serves, and SCRAM-SHA-256), and SCRAM as the client towards the backend;
- the backend's start-up answers up to ReadyForQuery, so a backend error at log-in reaches the
  client the way Neon forwards it (the compute's message, the proxy's ERROR/XX000).

After ReadyForQuery it parses nothing: queries, COPY, notifications and the backend's own FATAL
(``terminating connection due to administrator command`` when an endpoint is suspended) pass
through untouched, so what a client sees there is real PostgreSQL (or real PgBouncer on a
``-pooler`` route). What it leaves out: Neon's own cancel keys (the backend's key is passed
through), IP allow-lists, rate limits, websockets/HTTP, and protocol 3.2 negotiation.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import scramp

from . import facts, wire

if TYPE_CHECKING:
    from .edge import Endpoint, EndpointTable

_HANDSHAKE_TIMEOUT = 30.0


class Refused(Exception):
    """End the handshake with this Neon error text (sent as ERROR/XX000)."""


@dataclass
class Target:
    """Where a route's sessions log in: host, port, database, and TLS towards it or not."""

    host: str
    port: int
    database: str
    tls: ssl.SSLContext | None


@dataclass(eq=False)
class Session:
    """One relayed client connection."""

    endpoint_id: str
    pooled: bool
    client: asyncio.StreamWriter
    backend: asyncio.StreamWriter | None = None
    backend_pid: int = 0
    done: asyncio.Event = field(default_factory=asyncio.Event)


class EdgeProxy:
    """Serves one listening socket; state lives in the :class:`~.edge.EndpointTable` it is given."""

    def __init__(
        self,
        table: EndpointTable,
        server_context: ssl.SSLContext,
        leaf_pem: str,
        route: Callable[[Endpoint, bool, str], Target],
    ) -> None:
        self.table = table
        self.leaf_pem = leaf_pem
        self.route = route
        self.sessions: set[Session] = set()
        self.startups = 0  # start-up messages received (see NeonEdge.startups)
        self._context = server_context
        self._sni: dict[int, str] = {}
        self._context.sni_callback = self._remember_sni
        self._cancel_targets: dict[tuple[int, int], tuple[str, int]] = {}
        self._wakes: dict[str, asyncio.Task[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # -- accepting ------------------------------------------------------------------------

    async def serve(self, listener: socket.socket) -> None:
        loop = asyncio.get_running_loop()
        listener.setblocking(False)
        while True:
            sock, _address = await loop.sock_accept(listener)
            task = asyncio.create_task(self._handle(sock))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        for task in list(self._tasks) + list(self._wakes.values()):
            task.cancel()
        await asyncio.gather(*self._tasks, *self._wakes.values(), return_exceptions=True)

    def _remember_sni(self, ssl_object: ssl.SSLObject, server_name: str | None, _context: ssl.SSLContext) -> None:
        if server_name:
            self._sni[id(ssl_object)] = server_name

    async def _handle(self, sock: socket.socket) -> None:
        writer: asyncio.StreamWriter | None = None
        try:
            reader, writer, sni = await asyncio.wait_for(self._negotiate(sock), _HANDSHAKE_TIMEOUT)
            if reader is None:
                return
            await self._serve_client(reader, writer, sni)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError, ssl.SSLError, wire.ProtocolError):
            pass
        finally:
            if writer is not None:
                writer.close()
            else:
                sock.close()

    async def _negotiate(
        self, sock: socket.socket
    ) -> tuple[asyncio.StreamReader | None, asyncio.StreamWriter, str | None]:
        """Up to TLS (or a refusal): SSLRequest / direct TLS / GSSENCRequest / CancelRequest / plaintext."""
        loop = asyncio.get_running_loop()
        first = await _peek(sock)
        if first == b"\x16":  # a TLS ClientHello: sslnegotiation=direct
            return await self._start_tls(sock)
        while True:
            header = await _recv_exactly(loop, sock, 8)
            length, code = struct.unpack("!II", header)
            if not 8 <= length <= 10_000:
                raise wire.ProtocolError("bad start-up length")
            body = await _recv_exactly(loop, sock, length - 8)
            if code == wire.SSL_REQUEST:
                await loop.sock_sendall(sock, b"S")
                return await self._start_tls(sock)
            if code == wire.GSSENC_REQUEST:
                await loop.sock_sendall(sock, b"N")
                continue
            if code == wire.CANCEL_REQUEST:
                await self._forward_cancel(body)
                raise ConnectionResetError
            self.startups += 1
            reader, writer = await asyncio.open_connection(sock=sock)
            writer.write(wire.neon_error(facts.INSECURE))
            await writer.drain()
            return None, writer, None

    async def _start_tls(self, sock: socket.socket) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, str | None]:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        transport, _ = await loop.connect_accepted_socket(
            lambda: asyncio.StreamReaderProtocol(reader), sock, ssl=self._context
        )
        protocol = transport.get_protocol()
        writer = asyncio.StreamWriter(transport, protocol, reader, loop)
        ssl_object = transport.get_extra_info("ssl_object")
        return reader, writer, self._sni.pop(id(ssl_object), None)

    # -- the client's log-in --------------------------------------------------------------

    async def _serve_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, sni: str | None) -> None:
        code, body = await wire.read_startup(reader)
        if code == wire.CANCEL_REQUEST:
            await self._forward_cancel(body)
            return
        if code != wire.PROTOCOL_3_0:
            raise wire.ProtocolError(f"start-up code {code}")
        self.startups += 1
        params = wire.startup_params(body)
        greeting = b""  # held back until the compute answers, then sent even before an error
        try:
            endpoint, pooled, greeting = await self._authenticate(reader, writer, params, sni)
            session = Session(endpoint.id, pooled, writer)
            try:
                target = self.route(endpoint, pooled, params.get("database") or params.get("user", ""))
            except LookupError:
                raise Refused(facts.ENDPOINT_NOT_FOUND) from None
            await self._wake(endpoint)
            backend_reader, backend_writer, startup = await self._log_in(endpoint, target, params, session)
        except Refused as refusal:
            writer.write(greeting + wire.neon_error(str(refusal)))
            await writer.drain()
            return
        writer.write(greeting + startup)
        self.sessions.add(session)
        try:
            await _relay(reader, writer, backend_reader, backend_writer)
        finally:
            self.sessions.discard(session)
            self._cancel_targets = {k: v for k, v in self._cancel_targets.items() if k[0] != session.backend_pid}
            backend_writer.close()
            session.done.set()

    async def _authenticate(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, params: dict[str, str], sni: str | None
    ) -> tuple[Endpoint, bool, bytes]:
        """Endpoint resolution and SCRAM; returns the endpoint, whether pooled, and the held-back
        SASLFinal + AuthenticationOk (Neon flushes them only once the compute answered)."""
        user = params.get("user", "")
        requested = self._endpoint_name(params, sni)
        hack_password: str | None = None
        if requested is None:
            writer.write(wire.authentication(wire.AUTH_CLEARTEXT))
            kind, body = await wire.read_message(reader)
            requested, hack_password = _password_hack(body.rstrip(b"\0")) if kind == b"p" else (None, None)
            if requested is None:
                raise Refused(facts.MISSING_ENDPOINT)
        pooled = requested.endswith(facts.POOLER_SUFFIX)
        endpoint_id = requested[: -len(facts.POOLER_SUFFIX)] if pooled else requested
        endpoint = self.table.get(endpoint_id)
        if endpoint is None or (sni is not None and not sni.endswith("." + endpoint.region)):
            raise Refused(facts.ENDPOINT_NOT_FOUND)
        if hack_password is not None:
            if user != endpoint.role or hack_password != endpoint.password:
                raise Refused(facts.PASSWORD_FAILED.format(user=user))
            endpoint.mechanism = "password"
            return endpoint, pooled, wire.authentication(wire.AUTH_OK)
        return endpoint, pooled, await self._scram(reader, writer, endpoint, user)

    def _endpoint_name(self, params: dict[str, str], sni: str | None) -> str | None:
        from_sni = None
        if sni is not None:
            label, _, domain = sni.partition(".")
            if domain in self.table.regions:
                from_sni = label
        from_options = [
            value
            for option in params.get("options", "").split()
            for prefix in ("endpoint=", "project=")
            if option.startswith(prefix)
            for value in [option[len(prefix) :]]
        ]
        if len(from_options) > 1:
            from_options = []  # Neon takes the option only when there is exactly one
        if from_options and from_sni and from_options[0] != from_sni:
            raise Refused(
                f"Inconsistent project name inferred from SNI ('{from_sni}') and project option ('{from_options[0]}')."
            )
        return from_sni or (from_options[0] if from_options else None)

    async def _scram(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, endpoint: Endpoint, user: str
    ) -> bytes:
        writer.write(wire.sasl_methods(facts.SASL_METHODS))
        kind, body = await wire.read_message(reader)
        if kind != b"p":
            raise wire.ProtocolError("expected SASLInitialResponse")
        mechanism, client_first = wire.sasl_initial_response(body)
        if mechanism not in facts.SASL_METHODS:
            raise Refused(f"Unsupported authentication method: {mechanism}")
        secret = endpoint.scram_secret if user == endpoint.role else _mock_secret()
        server = scramp.ScramMechanism(mechanism).make_server(
            lambda _name: secret, channel_binding=("tls-server-end-point", self.leaf_pem)
        )
        try:
            _set_client_first(server, client_first)
            writer.write(wire.authentication(wire.AUTH_SASL_CONTINUE, server.get_server_first().encode()))
            kind, body = await wire.read_message(reader)
            if kind != b"p":
                raise wire.ProtocolError("expected SASLResponse")
            server.set_client_final(body.decode())
        except scramp.ScramException:
            raise Refused(facts.PASSWORD_FAILED.format(user=user)) from None
        endpoint.mechanism = mechanism
        return wire.authentication(wire.AUTH_SASL_FINAL, server.get_server_final().encode()) + wire.authentication(
            wire.AUTH_OK
        )

    # -- waking the compute and logging in to it ------------------------------------------

    async def _wake(self, endpoint: Endpoint) -> None:
        """The control plane's answer: an injected failure, disabled, or wait for a suspended compute."""
        if self.table.get(endpoint.id) is not endpoint:  # removed (or replaced) during the handshake
            raise Refused(facts.ENDPOINT_NOT_FOUND)
        failure = self.table.next_failure(endpoint.id)
        if failure is not None:
            raise Refused(failure)
        if endpoint.state == "disabled":
            raise Refused(facts.ENDPOINT_DISABLED)
        if endpoint.state == "suspended":
            wake = self._wakes.get(endpoint.id)
            if wake is None or wake.done():
                wake = self._wakes[endpoint.id] = asyncio.create_task(self._start_compute(endpoint))
            await asyncio.shield(wake)

    async def _start_compute(self, endpoint: Endpoint) -> None:
        await asyncio.sleep(endpoint.wake_delay)
        self.table.woke(endpoint.id)

    async def _log_in(
        self, endpoint: Endpoint, target: Target, params: dict[str, str], session: Session
    ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter, bytes]:
        """Log in to the backend as the endpoint's role; return its start-up answers up to ReadyForQuery."""
        try:
            reader, writer = await _open(target)
        except OSError:
            raise Refused(facts.COMPUTE_UNREACHABLE) from None
        session.backend = writer
        try:
            writer.write(wire.startup_message(_forwarded_params(params, endpoint.role, target.database)))
            await _scram_client(reader, writer, endpoint.role, endpoint.password)
            answers = bytearray()
            while True:
                kind, body = await wire.read_message(reader)
                if kind == b"E":
                    raise Refused(_compute_error(wire.error_fields(body).get("M", "")))
                if kind == b"K":
                    session.backend_pid = wire.cancel_key(body)[0]
                    self._cancel_targets[wire.cancel_key(body)] = (target.host, target.port)
                answers += wire.message(kind, body)
                if kind == b"Z":
                    return reader, writer, bytes(answers)
        except (OSError, asyncio.IncompleteReadError, wire.ProtocolError):
            writer.close()
            raise Refused(facts.COMPUTE_UNREACHABLE) from None
        except Refused:
            writer.close()
            raise

    async def _forward_cancel(self, body: bytes) -> None:
        key = wire.cancel_key(body)
        target = self._cancel_targets.get(key)
        if target is None:
            return
        with contextlib.suppress(OSError):
            _, writer = await asyncio.open_connection(*target)
            writer.write(wire.cancel_request(*key))
            await writer.drain()
            writer.close()


# -- helpers -------------------------------------------------------------------------------


async def _peek(sock: socket.socket) -> bytes:
    """The first byte the client sent, left in the socket."""
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    loop.add_reader(sock.fileno(), lambda: ready.done() or ready.set_result(None))
    try:
        await ready
    finally:
        loop.remove_reader(sock.fileno())
    return sock.recv(1, socket.MSG_PEEK)


async def _recv_exactly(loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = await loop.sock_recv(sock, size - len(data))
        if not chunk:
            raise ConnectionResetError
        data += chunk
    return data


async def _open(target: Target) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    if target.tls is None:
        return await asyncio.open_connection(target.host, target.port)
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, (target.host, target.port))
        await loop.sock_sendall(sock, struct.pack("!II", 8, wire.SSL_REQUEST))
        if await _recv_exactly(loop, sock, 1) != b"S":
            raise ConnectionRefusedError("the backend refused TLS")
        return await asyncio.open_connection(sock=sock, ssl=target.tls, server_hostname=target.host)
    except BaseException:
        sock.close()
        raise


async def _scram_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, role: str, password: str) -> None:
    client: scramp.ScramClient | None = None
    while True:
        kind, body = await wire.read_message(reader)
        if kind == b"E":
            raise Refused(_compute_error(wire.error_fields(body).get("M", "")))
        if kind != b"R":
            raise wire.ProtocolError(f"unexpected {kind!r} during log-in")
        (code,) = struct.unpack("!I", body[:4])
        if code == wire.AUTH_OK:
            return
        if code == wire.AUTH_SASL:
            client = scramp.ScramClient(["SCRAM-SHA-256"], role, password)
            writer.write(wire.sasl_initial_message("SCRAM-SHA-256", client.get_client_first()))
        elif code == wire.AUTH_SASL_CONTINUE and client is not None:
            client.set_server_first(body[4:].decode())
            writer.write(wire.message(b"p", client.get_client_final().encode()))
        elif code == wire.AUTH_SASL_FINAL and client is not None:
            client.set_server_final(body[4:].decode())
        else:
            raise wire.ProtocolError(f"authentication request {code}")


def _set_client_first(server: scramp.core.ScramServer, client_first: str) -> None:
    """Hand libpq's client-first message to scramp. PostgreSQL's SCRAM leaves the user name empty
    (``n=,r=...``: the start-up packet names the role), which scramp refuses as malformed; it gets
    a placeholder name, and the message as the client sent it is put back for the proof check."""
    gs2_cbind_flag, gs2_authzid, bare = client_first.split(",", 2)
    server.set_client_first(f"{gs2_cbind_flag},{gs2_authzid},{bare.replace('n=,', 'n=*,', 1)}")
    server.client_first_bare = bare  # the AuthMessage the client signed


def _forwarded_params(params: dict[str, str], role: str, database: str) -> dict[str, str]:
    """What Neon passes on to the compute (``compute/mod.rs`` ``set_startup_params``)."""
    forwarded = {"user": role, "database": database, "client_encoding": "UTF8"}
    if "application_name" in params:
        forwarded["application_name"] = params["application_name"]
    options = " ".join(
        option
        for option in params.get("options", "").split()
        if not option.startswith(("endpoint=", "project=", "neon_"))
    )
    if options:
        forwarded["options"] = options
    return forwarded


def _compute_error(text: str) -> str:
    if text.startswith("unsupported startup parameter"):
        return text + facts.UNSUPPORTED_STARTUP_PARAMETER_HINT
    return text


def _password_hack(payload: bytes) -> tuple[str | None, str | None]:
    """``endpoint=<id>;<password>`` (or ``$``), Neon's fallback for clients without SNI."""
    for separator in (b";", b"$"):
        head, found, password = payload.partition(separator)
        if found:
            for prefix in (b"endpoint=", b"project="):
                if head.startswith(prefix):
                    return head[len(prefix) :].decode(), password.decode()
            return None, None
    return None, None


def _mock_secret() -> tuple[bytes, bytes, bytes, int]:
    """A secret nobody's password matches: an unknown role fails like a wrong password, as on Neon."""
    import secrets

    return scramp.ScramMechanism().make_auth_info(secrets.token_urlsafe(16), iteration_count=4096)


async def _relay(
    client_reader: asyncio.StreamReader,
    client_writer: asyncio.StreamWriter,
    backend_reader: asyncio.StreamReader,
    backend_writer: asyncio.StreamWriter,
) -> None:
    async def pump(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()

    await client_writer.drain()
    upstream = asyncio.ensure_future(pump(client_reader, backend_writer))
    downstream = asyncio.ensure_future(pump(backend_reader, client_writer))
    try:
        await asyncio.wait({upstream, downstream}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        upstream.cancel()
        downstream.cancel()
        with contextlib.suppress(ConnectionError, ssl.SSLError):
            await client_writer.drain()
