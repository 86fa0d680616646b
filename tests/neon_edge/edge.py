"""The edge: a runtime table of endpoints, the proxy serving them from a background thread, and DSNs.

An :class:`Endpoint` is what Neon calls a compute endpoint: an id (``ep-...``), a region, the
role and password clients log in with, the database on the embedded server it maps to (clients
ask for ``dbname``, ``neondb`` by default), a state (``active``, ``suspended``, ``disabled``),
the time a suspended compute takes to start, and a queue of injected failures. Its direct route
is ``<id>.<region>``; its pooled route ``<id>-pooler.<region>`` goes through PgBouncer in
transaction mode (when the edge has one).

:class:`NeonEdge` runs the asyncio proxy (:mod:`.proxy`) in a daemon thread, so synchronous
tests use it directly; every method here is safe to call from the test thread while clients are
connected.
"""

from __future__ import annotations

import asyncio
import collections
import secrets
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import scramp
from psycopg.conninfo import make_conninfo

from pytest_neon_tls.pooler import PgBouncer, Pool
from pytest_neon_tls.server import LISTEN_ADDRESS, EmbeddedServer

from . import facts
from .certificates import EdgeCertificates
from .proxy import EdgeProxy, Target

DEFAULT_REGION = "us-east-2.aws.neon.tech"
STATES = ("active", "suspended", "disabled")


@dataclass(eq=False)
class Endpoint:
    """One compute endpoint (see the module docstring). Change its state and failures through
    :class:`NeonEdge`; ``wake_delay`` may be set directly."""

    id: str
    role: str
    password: str = field(repr=False)
    database: str
    dbname: str = "neondb"
    region: str = DEFAULT_REGION
    pooled: bool = True
    state: str = "active"
    wake_delay: float = 0.3
    wakes: int = 0  # how often a suspended compute was started for a client
    #: How the last client that got past authentication logged in: ``SCRAM-SHA-256-PLUS`` (channel
    #: binding), ``SCRAM-SHA-256``, or ``password`` (Neon's cleartext fallback without SNI).
    mechanism: str | None = None
    failures: collections.deque[list[object]] = field(default_factory=collections.deque, repr=False)
    scram_secret: tuple[bytes, bytes, bytes, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise ValueError(f"endpoint state {self.state!r}: use one of {', '.join(STATES)}")
        if self.id.endswith(facts.POOLER_SUFFIX) or "." in self.id:
            raise ValueError(f"endpoint id {self.id!r}: give the bare id; the -pooler route is derived from it")
        self.scram_secret = scramp.ScramMechanism().make_auth_info(self.password, iteration_count=4096)


def new_endpoint_id() -> str:
    """A fresh id shaped like Neon's: ``ep-<word>-<word>-<8 hex digits>``."""
    first = secrets.choice(("cool", "quiet", "misty", "bold", "young", "late", "calm"))
    second = secrets.choice(("darkness", "river", "sun", "forest", "meadow", "wave", "field"))
    return f"ep-{first}-{second}-{secrets.token_hex(4)}"


class EndpointTable:
    """The endpoints by id, shared by the test thread and the proxy's thread."""

    def __init__(self, regions: tuple[str, ...]) -> None:
        self.regions = regions
        self._lock = threading.Lock()
        self._endpoints: dict[str, Endpoint] = {}

    def get(self, endpoint_id: str) -> Endpoint | None:
        with self._lock:
            return self._endpoints.get(endpoint_id)

    def put(self, endpoint: Endpoint) -> None:
        if endpoint.region not in self.regions:
            raise ValueError(
                f"endpoint {endpoint.id} is in region {endpoint.region!r}, but this edge's certificate covers "
                f"{', '.join(self.regions)}. Fix: create the edge with regions=(..., {endpoint.region!r})."
            )
        with self._lock:
            self._endpoints[endpoint.id] = endpoint

    def pop(self, endpoint_id: str) -> Endpoint | None:
        with self._lock:
            return self._endpoints.pop(endpoint_id, None)

    def set_state(self, endpoint_id: str, state: str) -> None:
        if state not in STATES:
            raise ValueError(f"endpoint state {state!r}: use one of {', '.join(STATES)}")
        with self._lock:
            self._require(endpoint_id).state = state

    def woke(self, endpoint_id: str) -> None:
        with self._lock:
            endpoint = self._endpoints.get(endpoint_id)
            if endpoint is not None and endpoint.state == "suspended":
                endpoint.state = "active"
                endpoint.wakes += 1

    def add_failure(self, endpoint_id: str, text: str, times: int | None) -> None:
        with self._lock:
            self._require(endpoint_id).failures.append([text, times])

    def clear_failures(self, endpoint_id: str) -> None:
        with self._lock:
            self._require(endpoint_id).failures.clear()

    def next_failure(self, endpoint_id: str) -> str | None:
        """The failure the next connection attempt gets, if any (consumed unless ``times`` is None)."""
        with self._lock:
            failures = self._require(endpoint_id).failures
            if not failures:
                return None
            entry = failures[0]
            text, times = entry
            if isinstance(times, int):
                entry[1] = times - 1
                if times <= 1:
                    failures.popleft()
            return str(text)

    def _require(self, endpoint_id: str) -> Endpoint:
        endpoint = self._endpoints.get(endpoint_id)
        if endpoint is None:
            raise KeyError(f"no endpoint {endpoint_id!r} on this edge (add it with NeonEdge.add_endpoint)")
        return endpoint


class NeonEdge:
    """Neon's edge in front of ``server`` on 127.0.0.1 (see the module docstring).

    ``directory`` receives the root certificate clients trust (:attr:`root_cert`). ``pooler``
    serves the ``-pooler`` routes; without one, pooled endpoints cannot be added.
    """

    def __init__(
        self,
        server: EmbeddedServer,
        directory: Path,
        *,
        pooler: PgBouncer | None = None,
        regions: tuple[str, ...] = (DEFAULT_REGION,),
    ) -> None:
        self.server = server
        self.pooler = pooler
        self.table = EndpointTable(regions)
        self.certificates = EdgeCertificates(regions)
        self.root_cert = self.certificates.write_root(directory / "neon-edge-root.crt")
        self.port = 0
        self._backend_tls = ssl.create_default_context(cafile=str(server.ca_file))
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._proxy: EdgeProxy | None = None
        self._serving: asyncio.Future[None] | None = None

    def __repr__(self) -> str:
        return f"<NeonEdge {LISTEN_ADDRESS}:{self.port} regions={self.table.regions}>"

    # -- running --------------------------------------------------------------------------

    def start(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((LISTEN_ADDRESS, 0))
        listener.listen(64)
        self.port = int(listener.getsockname()[1])
        loop = self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=loop.run_forever, name="neon-edge", daemon=True)
        self._thread.start()
        self._proxy = EdgeProxy(
            self.table, self.certificates.server_context(), self.certificates.leaf_pem, self._route
        )
        self._serving = asyncio.run_coroutine_threadsafe(self._proxy.serve(listener), loop)  # type: ignore[assignment]
        self._listener = listener

    def stop(self) -> None:
        loop, self._loop = self._loop, None
        if loop is None:
            return
        if self._serving is not None:
            self._serving.cancel()
        if self._proxy is not None:
            asyncio.run_coroutine_threadsafe(self._proxy.close(), loop).result(30)
        loop.call_soon_threadsafe(loop.stop)
        if self._thread is not None:
            self._thread.join(30)
        loop.close()
        self._listener.close()

    def __enter__(self) -> NeonEdge:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- the endpoint table ---------------------------------------------------------------

    def add_endpoint(self, endpoint: Endpoint) -> Endpoint:
        """Serve ``endpoint`` (its pooled route too, if ``endpoint.pooled``); usable at once."""
        if endpoint.pooled:
            if self.pooler is None:
                raise ValueError(
                    f"endpoint {endpoint.id} is pooled but this edge has no PgBouncer. Fix: install pgbouncer "
                    "(Debian/Ubuntu: apt-get install pgbouncer) or add the endpoint with pooled=False."
                )
            self.pooler.add_pool(Pool(endpoint.id, endpoint.database, endpoint.role, endpoint.password))
        self.table.put(endpoint)
        return endpoint

    def remove_endpoint(self, endpoint_id: str) -> None:
        """Stop serving the endpoint; its sessions are closed."""
        endpoint = self.table.pop(endpoint_id)
        if endpoint is not None:
            self._close_sessions(endpoint)
            if endpoint.pooled and self.pooler is not None:
                self.pooler.remove_pool(endpoint.id)

    def endpoint(self, endpoint_id: str) -> Endpoint:
        endpoint = self.table.get(endpoint_id)
        if endpoint is None:
            raise KeyError(f"no endpoint {endpoint_id!r} on this edge (add it with NeonEdge.add_endpoint)")
        return endpoint

    def set_state(self, endpoint_id: str, state: str) -> None:
        """``active``, ``suspended`` (the next client waits ``wake_delay``) or ``disabled``; sessions stay."""
        self.table.set_state(endpoint_id, state)

    def suspend(self, endpoint_id: str) -> None:
        """Suspend the compute as Neon does when it is idle: its sessions end (direct ones with the
        backend's own ``terminating connection due to administrator command``), and the next client
        waits for it to start again."""
        endpoint = self.endpoint(endpoint_id)
        self.table.set_state(endpoint_id, "suspended")
        self._close_sessions(endpoint)

    def fail_next(self, endpoint_id: str, text: str = facts.COMPUTE_UNREACHABLE, times: int | None = 1) -> None:
        """The next ``times`` connection attempts (``None``: all, until :meth:`clear_failures`) get
        ``text`` after SCRAM, as Neon reports a failed wake-up or compute connection."""
        self.table.add_failure(endpoint_id, text, times)

    def clear_failures(self, endpoint_id: str) -> None:
        self.table.clear_failures(endpoint_id)

    @property
    def startups(self) -> int:
        """How many start-up messages clients sent so far (each libpq connection attempt that got
        past TLS, or a plaintext one): tests compare it before and after to count attempts."""
        return self._proxy.startups if self._proxy is not None else 0

    def sessions(self, endpoint_id: str) -> int:
        """How many client sessions of the endpoint are being relayed now."""
        return len(self._sessions_of(endpoint_id))

    # -- connection strings ---------------------------------------------------------------

    def host(self, endpoint_id: str, pooled: bool = False) -> str:
        endpoint = self.endpoint(endpoint_id)
        return f"{endpoint.id}{facts.POOLER_SUFFIX if pooled else ''}.{endpoint.region}"

    def console_dsn(self, endpoint_id: str, pooled: bool = False) -> str:
        """The URL as Neon's console shows it, plus what reaches the stand-in without DNS: the port
        and ``hostaddr=127.0.0.1``. No ``sslrootcert``: pass :attr:`root_cert` the way a user
        passes their CA bundle."""
        endpoint = self.endpoint(endpoint_id)
        query = urlencode({"sslmode": "require", "channel_binding": "require", "hostaddr": LISTEN_ADDRESS})
        return (
            f"postgresql://{quote(endpoint.role, safe='')}:{quote(endpoint.password, safe='')}"
            f"@{self.host(endpoint_id, pooled)}:{self.port}/{quote(endpoint.dbname, safe='')}?{query}"
        )

    def dsn(self, endpoint_id: str, pooled: bool = False, **params: str) -> str:
        """A key/value conninfo with verify-full against :attr:`root_cert`; ``params`` are added or override."""
        endpoint = self.endpoint(endpoint_id)
        values = {
            "host": self.host(endpoint_id, pooled),
            "hostaddr": LISTEN_ADDRESS,
            "port": str(self.port),
            "dbname": endpoint.dbname,
            "user": endpoint.role,
            "password": endpoint.password,
            "sslmode": "verify-full",
            "sslrootcert": str(self.root_cert),
            "connect_timeout": "10",
            **params,
        }
        return make_conninfo(**values)

    # -- internals ------------------------------------------------------------------------

    def _route(self, endpoint: Endpoint, pooled: bool, dbname: str) -> Target:
        if pooled:
            if self.pooler is None or not endpoint.pooled:
                raise LookupError
            return Target(LISTEN_ADDRESS, self.pooler.port, endpoint.id if dbname == endpoint.dbname else dbname, None)
        database = endpoint.database if dbname == endpoint.dbname else dbname
        return Target(LISTEN_ADDRESS, self.server.port, database, self._backend_tls)

    def _in_loop(self, coroutine):  # type: ignore[no-untyped-def]
        if self._loop is None:
            raise RuntimeError("the edge is not running (call start())")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(60)

    def _sessions_of(self, endpoint_id: str) -> list:  # type: ignore[type-arg]
        async def collect() -> list:  # type: ignore[type-arg]
            assert self._proxy is not None
            return [session for session in self._proxy.sessions if session.endpoint_id == endpoint_id]

        return self._in_loop(collect())  # type: ignore[no-any-return]

    def _close_sessions(self, endpoint: Endpoint) -> None:
        sessions = self._sessions_of(endpoint.id)
        pids = [session.backend_pid for session in sessions if not session.pooled and session.backend_pid]
        if pids:
            import psycopg

            with psycopg.connect(self.server.dsn(), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(pid, 5000) FROM unnest(%s::int[]) AS pid", [pids])

        async def close_and_wait() -> None:
            for session in sessions:
                if session.pooled:  # the pooler goes down with the compute: the client just loses it
                    session.backend.close()
            await asyncio.wait_for(asyncio.gather(*(session.done.wait() for session in sessions)), 10)

        self._in_loop(close_and_wait())
        if endpoint.pooled and self.pooler is not None and self.pooler.running:
            self.pooler.kill(endpoint.id)
