"""PgBouncer in transaction mode in front of the embedded server, as Neon runs it for ``-pooler`` hosts.

:class:`PgBouncer` is a small executor (``start`` / ``ready`` / ``stop``) like
:class:`~pytest_neon_tls.server.EmbeddedServer`: a private directory, 127.0.0.1 only, a free
port, no Unix socket, and as root the embedded server's unprivileged account (PgBouncer refuses
root; :mod:`pytest_neon_tls._child`). Its pools are a runtime table: :meth:`PgBouncer.add_pool`
and :meth:`PgBouncer.remove_pool` rewrite the configuration and reload it through the admin
console before returning, so a client can use a new pool at once.

Clients authenticate to PgBouncer with SCRAM-SHA-256 (``auth_type = scram-sha-256``; every
pool's role and password are in a private ``auth_file``), and PgBouncer authenticates to the
server with SCRAM over TLS checked with ``verify-full`` against the embedded server's CA: the
server accepts only ``hostssl ... scram-sha-256``. Towards clients it speaks plaintext on
127.0.0.1 (as on Neon, where TLS ends at the proxy in front of it), or, given ``client_tls``,
only TLS with that certificate (clients verify it against the embedded server's CA).

:data:`NEON_POOLER_SETTINGS` are Neon's compute image settings (``compute/etc/pgbouncer.ini`` in
neondatabase/neon): ``pool_mode = transaction``, ``max_prepared_statements = 0`` (written only
for PgBouncer 1.21+, which knows the setting; older versions have no protocol-level prepared
statement support at all, which is the same behaviour) and ``extra_float_digits`` as the only
ignored startup parameter. Pool sizes are scaled down for a test machine.
:data:`RESET_AFTER_TRANSACTION` makes what happens on Neon under load certain instead of occasional.
"""

from __future__ import annotations

import atexit
import re
import secrets
import shutil
import signal
import socket
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ._child import DIR_PREFIX, LISTEN_ADDRESS, Account, AccountError, free_port, log_tail, stop, wait_until
from .binaries import PoolerUnavailable, find_pgbouncer
from .certificates import ServerCertificate
from .server import HOST, EmbeddedServer

#: What Neon's compute image sets (see the module docstring); sizes are scaled for a test machine.
NEON_POOLER_SETTINGS = {
    "pool_mode": "transaction",
    "max_prepared_statements": "0",
    "ignore_startup_parameters": "extra_float_digits",
    "default_pool_size": "8",
    "max_client_conn": "200",
}

#: After every transaction, PgBouncer wipes the server connection's session state (``DISCARD
#: ALL``: settings, ``LISTEN``, advisory locks, prepared statements, temporary tables) before the
#: connection serves anyone again. On Neon such state is lost when another client took the server
#: connection meanwhile, which happens under load, and then turns up in that client's session;
#: with these settings it is lost after every transaction and reaches nobody.
RESET_AFTER_TRANSACTION = {"server_reset_query": "DISCARD ALL", "server_reset_query_always": "1"}

_ADMIN_DATABASE = "pgbouncer"
_START_TIMEOUT = 30.0
_DIR_PREFIX = DIR_PREFIX + "pgbouncer-"  # the embedded server's sweep removes leftovers too
#: Immediate shutdown (SIGTERM; SIGINT would wait for clients), then kill.
_SHUTDOWN = ((signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0))


class PoolerStartError(RuntimeError):
    """PgBouncer did not start or refused a command; the message carries the end of its log."""


def pgbouncer_version(program: Path) -> tuple[int, ...]:
    """The version of ``program`` as a tuple, e.g. ``(1, 18, 0)``."""
    result = subprocess.run([str(program), "--version"], capture_output=True, text=True, timeout=30)
    match = re.search(r"PgBouncer (\d+(?:\.\d+)*)", result.stdout + result.stderr)
    if match is None:
        raise PoolerUnavailable(f"{program} --version did not name a PgBouncer version: {result.stdout!r}")
    return tuple(int(part) for part in match.group(1).split("."))


@dataclass(frozen=True)
class Pool:
    """One ``[databases]`` entry: clients ask for ``name`` and reach ``dbname`` on the server as ``user``."""

    name: str
    dbname: str
    user: str
    password: str = field(repr=False)


@dataclass
class PgBouncer:
    """PgBouncer on 127.0.0.1 in front of ``server`` (see the module docstring)."""

    server: EmbeddedServer
    settings: dict[str, str] = field(default_factory=lambda: dict(NEON_POOLER_SETTINGS))
    program: Path = field(default_factory=find_pgbouncer)
    client_tls: ServerCertificate | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.port = 0
        self.version = pgbouncer_version(self.program)
        self._pools: dict[str, Pool] = {}
        self._users: dict[str, str] = {}  # every pool's role stays known once added
        self._admin_user = "pooler_admin"
        self._admin_password = secrets.token_urlsafe(24)
        try:
            self._account = Account.for_children()
        except AccountError as error:
            raise PoolerStartError(str(error)) from None
        self._process: subprocess.Popen[bytes] | None = None
        self._directory: Path | None = None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<PgBouncer {LISTEN_ADDRESS}:{self.port} {state} pools={sorted(self._pools)}>"

    # -- public surface -------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def directory(self) -> Path:
        if self._directory is None:
            raise RuntimeError("PgBouncer has not been started")
        return self._directory

    def pools(self) -> dict[str, Pool]:
        return dict(self._pools)

    def add_pool(self, pool: Pool) -> None:
        """Serve ``pool`` (replacing one of the same name); effective before this returns."""
        self._pools[pool.name] = pool
        self._users[pool.user] = pool.password
        self._apply()

    def remove_pool(self, name: str) -> None:
        """Stop serving ``name``; its client and server connections are closed first."""
        if self._pools.pop(name, None) is not None and self.running:
            self.admin(f"KILL {_quote(name)}")
            self._apply()

    def kill(self, name: str) -> None:
        """Drop every client and server connection of pool ``name`` at once (admin ``KILL``), then
        accept new clients again (``RESUME``): what a client sees when the compute behind it stops."""
        self.admin(f"KILL {_quote(name)}")
        self.admin(f"RESUME {_quote(name)}")

    def dsn(self, pool: Pool) -> str:
        """A ``postgresql://`` URI to ``pool`` with ``sslmode=verify-full`` against the server's CA.

        Only with ``client_tls``; the URI holds the password: treat it as a secret.
        """
        if self.client_tls is None:
            raise RuntimeError("PgBouncer serves clients without TLS here: give it client_tls for a verify-full DSN")
        return (
            f"postgresql://{quote(pool.user, safe='')}:{quote(pool.password, safe='')}@{HOST}:{self.port}/"
            f"{quote(pool.name, safe='')}?sslmode=verify-full&sslrootcert={quote(str(self.server.ca_file))}"
        )

    def start(self) -> None:
        """Write the configuration, start PgBouncer and wait until it accepts connections."""
        if self._directory is None:
            self._make_directory()
        for _attempt in range(3):
            self.port = free_port()
            self._write_config()
            self._launch()
            if wait_until(self.ready, lambda: self.running, _START_TIMEOUT):
                return
            if "Address already in use" not in self._log_tail():
                break
        raise PoolerStartError(self._failure("did not start"))

    def ready(self) -> bool:
        """True once PgBouncer runs and accepts TCP connections on its port."""
        if not self.running:
            return False
        try:
            with socket.create_connection((LISTEN_ADDRESS, self.port), timeout=1.0):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        """Immediate shutdown (SIGTERM), escalating to SIGKILL; then remove the directory."""
        process, self._process = self._process, None
        stop(process, _SHUTDOWN)
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None
        atexit.unregister(self.stop)

    def admin(self, command: str) -> None:
        """Run one admin console command (``RELOAD``, ``KILL db``, ``RESUME db``...)."""
        import psycopg

        # Without client TLS PgBouncer sits behind a TLS proxy on 127.0.0.1, and its console has no TLS.
        sslmode, sslrootcert = ("verify-full", str(self.server.ca_file)) if self.client_tls else ("disable", None)
        try:
            with psycopg.connect(
                host=HOST,
                hostaddr=LISTEN_ADDRESS,
                port=self.port,
                dbname=_ADMIN_DATABASE,
                user=self._admin_user,
                password=self._admin_password,
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,  # the console speaks the simple query protocol only
                connect_timeout=10,
                sslmode=sslmode,
                sslrootcert=sslrootcert,
            ) as conn:
                conn.execute(command)
        except psycopg.Error as error:
            raise PoolerStartError(self._failure(f"refused {command!r}: {error}")) from None

    def __enter__(self) -> PgBouncer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------

    def _apply(self) -> None:
        if self.running:
            self._write_config()
            self.admin("RELOAD")

    def _make_directory(self) -> None:
        directory = self._directory = self._account.make_directory(_DIR_PREFIX)
        atexit.register(self.stop)
        self._account.write(directory / "root.crt", self.server.authority.ca_pem)
        if self.client_tls is not None:
            self._account.write(directory / "client.crt", self.client_tls.cert_pem)
            self._account.write(directory / "client.key", self.client_tls.key_pem)

    def _write_config(self) -> None:
        directory = self.directory
        users = {self._admin_user: self._admin_password, **self._users}
        self._account.write(
            directory / "users.txt",
            "".join(f"{_quote(user)} {_quote(password)}\n" for user, password in users.items()).encode(),
        )
        databases = {
            pool.name: f"host={LISTEN_ADDRESS} port={self.server.port} dbname={pool.dbname} application_name=pgbouncer"
            for pool in self._pools.values()
        }
        client_tls = {"client_tls_sslmode": "disable"}
        if self.client_tls is not None:
            client_tls = {
                "client_tls_sslmode": "require",  # TLS only, as on Neon; clients verify the certificate
                "client_tls_cert_file": str(directory / "client.crt"),
                "client_tls_key_file": str(directory / "client.key"),
            }
        settings = {
            "listen_addr": LISTEN_ADDRESS,
            "listen_port": str(self.port),
            "unix_socket_dir": "",
            "auth_type": "scram-sha-256",
            "auth_file": str(directory / "users.txt"),
            "admin_users": self._admin_user,
            **client_tls,
            "server_tls_sslmode": "verify-full",
            "server_tls_ca_file": str(directory / "root.crt"),
            "logfile": str(directory / "pgbouncer.log"),
            "pidfile": str(directory / "pgbouncer.pid"),
            "log_connections": "0",
            "log_disconnections": "0",
            **self.settings,
        }
        if self.version < (1, 21):
            settings.pop("max_prepared_statements", None)  # unknown before 1.21, where it means 0
        lines = ["[databases]", *(f"{name} = {spec}" for name, spec in databases.items()), "", "[pgbouncer]"]
        lines += [f"{key} = {value}" for key, value in settings.items()]
        self._account.write(directory / "pgbouncer.ini", ("\n".join(lines) + "\n").encode())

    def _launch(self) -> None:
        argv = [str(self.program), "-q", str(self.directory / "pgbouncer.ini")]
        self._process = self._account.spawn(argv, self.directory)

    def _failure(self, what: str) -> str:
        return f"PgBouncer ({self.program}) {what}; end of its log:\n{self._log_tail()}"

    def _log_tail(self) -> str:
        return log_tail(self.directory / "pgbouncer.log") if self._directory is not None else "(no log)"


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'
