"""Per-process state behind the fixtures: the target, the embedded server, reused connections.

One :class:`NeonSession` lives in each pytest process (each xdist worker has its own, and so its
own embedded server). It starts the embedded server on first use (in pooled mode with PgBouncer
in front, serving each database and role the fixtures ask for), keeps one verified
connection per target for reuse across tests (:mod:`pytest_neon_tls.reuse`), and shuts
everything down at session end. Once a target could not be reached, later connections to it
fail at once with the same explanation instead of waiting out the connect timeout again.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flake8_neon.conninfo import SECRET_KEYWORDS, parse

from .binaries import PoolerUnavailable, ServerUnavailable, find_binaries, find_pgbouncer
from .branches import SessionBranch
from .config import NeonConfig
from .connect import TlsInfo, connect, connect_async, require_psycopg
from .errors import NeonConnectError, NeonTlsError
from .pooler import NEON_POOLER_SETTINGS, RESET_AFTER_TRANSACTION, PgBouncer, Pool
from .reuse import AsyncReusableConnection, ReusableConnection
from .roots import RootBundle
from .server import SERVER_DATABASE, SERVER_USER, EmbeddedServer
from .target import Target, harden

REQUIRE_HINT = "Pass --neon-require (ini neon_require = true) to make this an error instead of a skip."
_GAVE_UP = "neon-tls gave up on this target earlier in this run and does not wait for it again:\n"


class NoDatabase(NeonTlsError):
    """Neither a DSN nor PostgreSQL binaries: skip, or fail under ``--neon-require``."""


class NeonSession:
    """The state of one pytest process; see the module docstring."""

    def __init__(self, config: NeonConfig) -> None:
        self.config = config
        self.server: EmbeddedServer | None = None
        self.tls: TlsInfo | None = None
        self._target: Target | None = None
        self.branch: SessionBranch | None = None  # with --neon-branch: the run's Neon branch is the target
        self.secrets: set[str] = set()
        if config.hardened is not None:
            self.remember_secrets(config.hardened.conninfo.params)
        self._keepers: dict[str, ReusableConnection] = {}
        self._async_keepers: dict[str, AsyncReusableConnection] = {}
        self._unreachable: dict[str, str] = {}
        self._databases: set[str] = set()
        self.pooler: PgBouncer | None = None
        self._pools: set[tuple[str, str]] = set()  # (database, role) PgBouncer serves, in pooled mode

    def __repr__(self) -> str:
        return f"<NeonSession target={self._target.describe() if self._target else None!r}>"

    def remember_secrets(self, params: Mapping[str, str]) -> None:
        """Note password values so reports can be scrubbed of them (see the plugin)."""
        for keyword in SECRET_KEYWORDS:
            if len(params.get(keyword) or "") >= 4:
                self.secrets.add(params[keyword])

    def target(self, base_dir: Path) -> Target:
        """The target for this process: the run's Neon branch, the configured DSN, or a fresh embedded server."""
        if self._target is None:
            require_psycopg()
            if self.branch is not None:
                self._target = self.branch.target()
            else:
                self._target = self._embedded(base_dir) if self.config.uses_embedded else self.config.dsn_target()
        return self._target

    def _embedded(self, base_dir: Path) -> Target:
        try:
            binaries = find_binaries(self.config.pg_bindir)
        except ServerUnavailable as error:
            raise NoDatabase(f"neon-tls has no database: no DSN is set and {error}") from None
        self.server = EmbeddedServer(binaries, base_dir=base_dir)
        self.server.start()
        root = RootBundle(self.server.ca_file, "embedded server's throwaway CA")
        conninfo = harden(parse(self.server.dsn()), root).conninfo
        self.remember_secrets(conninfo.params)
        if not self.config.pooled:
            return Target(conninfo, root, embedded=True)
        self.pooler = self._start_pooler(self.server)
        pool = Pool(SERVER_DATABASE, SERVER_DATABASE, SERVER_USER, conninfo.params["password"])
        target = Target(harden(parse(self.pooler.dsn(pool)), root).conninfo, root, embedded=True, behind_pooler=True)
        self._pool(target)
        return target

    @staticmethod
    def _start_pooler(server: EmbeddedServer) -> PgBouncer:
        """PgBouncer as Neon runs it, resetting server connections after every transaction, with TLS
        towards the tests."""
        try:
            program = find_pgbouncer()
        except PoolerUnavailable as error:
            raise NeonTlsError(
                f"--neon-embedded=pooled puts the embedded server behind PgBouncer, but {error}"
            ) from None
        pooler = PgBouncer(
            server,
            settings={**NEON_POOLER_SETTINGS, **RESET_AFTER_TRANSACTION},
            program=program,
            client_tls=server.authority.server_certificate(),
        )
        pooler.start()
        return pooler

    def _pool(self, target: Target) -> None:
        """Have PgBouncer serve the target's database to its role (once)."""
        assert self.pooler is not None
        params = target.conninfo.params
        dbname, user = params.get("dbname") or SERVER_DATABASE, params.get("user") or SERVER_USER
        if (dbname, user) in self._pools:
            return
        self.pooler.add_pool(Pool(dbname, dbname, user, params.get("password") or ""))
        self._pools.add((dbname, user))

    def connect(self, target: Target, **kwargs: Any) -> Any:
        """:func:`~pytest_neon_tls.connect.connect`, failing at once for a target that failed before."""
        self._refuse_known_failure(target)
        try:
            return connect(target, **kwargs)
        except NeonConnectError as error:
            self._unreachable[target.conninfo.text] = str(error)
            raise

    async def connect_async(self, target: Target, **kwargs: Any) -> Any:
        """The asynchronous twin of :meth:`connect`."""
        self._refuse_known_failure(target)
        try:
            return await connect_async(target, **kwargs)
        except NeonConnectError as error:
            self._unreachable[target.conninfo.text] = str(error)
            raise

    def _refuse_known_failure(self, target: Target) -> None:
        explanation = self._unreachable.get(target.conninfo.text)
        if explanation is not None:
            raise NeonConnectError(_GAVE_UP + explanation)

    def keeper(self, target: Target) -> ReusableConnection:
        return self._keepers.setdefault(target.conninfo.text, ReusableConnection(self, target))

    def async_keeper(self, target: Target) -> AsyncReusableConnection:
        return self._async_keepers.setdefault(target.conninfo.text, AsyncReusableConnection(self, target))

    def serve(self, base: Target, target: Target) -> None:
        """Make ``target``, derived from ``base``, reachable: on the embedded server its database is
        created once if missing, and in pooled mode PgBouncer serves it to the target's role."""
        dbname = target.conninfo.params.get("dbname")
        if dbname and dbname != base.conninfo.params.get("dbname"):
            self.ensure_database(base, dbname)
        if target.behind_pooler:
            self._pool(target)

    def ensure_database(self, target: Target, dbname: str) -> None:
        """On the embedded server, create ``dbname`` once if missing (a DSN target is left alone)."""
        if not target.embedded or dbname in self._databases:
            return
        psycopg = require_psycopg()
        with self.connect(target, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [dbname]).fetchone()
            if not exists:
                conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(dbname)))
        self._databases.add(dbname)

    def close(self) -> None:
        """Close every kept connection and stop the embedded server."""
        for keeper in self._keepers.values():
            keeper.discard()
        for async_keeper in self._async_keepers.values():
            async_keeper.discard()
        self._keepers.clear()
        self._async_keepers.clear()
        self._unreachable.clear()
        self._databases.clear()
        self._pools.clear()
        if self.pooler is not None:
            self.pooler.stop()
            self.pooler = None
        if self.server is not None:
            self.server.stop()
            self.server = None
        self._target = None
