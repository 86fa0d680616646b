"""PgBouncer in transaction mode in front of the embedded server, as Neon runs it for ``-pooler`` hosts.

:class:`PgBouncer` is a small executor (``start`` / ``ready`` / ``stop``) like
:class:`~pytest_neon_tls.server.EmbeddedServer`: a private directory, 127.0.0.1 only, a free
port, no Unix socket, and as root an unprivileged account (PgBouncer refuses root; the same
account the embedded server uses). Its pools are a runtime table: :meth:`PgBouncer.add_pool`
and :meth:`PgBouncer.remove_pool` rewrite the configuration and reload it through the admin
console before returning, so a client can use a new pool at once.

Clients authenticate to PgBouncer with SCRAM-SHA-256 (``auth_type = scram-sha-256``; the pool's
role and password are in a private ``auth_file``), and PgBouncer authenticates to the server with
SCRAM over TLS checked with ``verify-full`` against the embedded server's CA: the server accepts
only ``hostssl ... scram-sha-256``. The listener itself speaks plaintext on 127.0.0.1 (as on
Neon, TLS ends at the proxy in front of it).

:data:`NEON_POOLER_SETTINGS` are Neon's compute image settings (``compute/etc/pgbouncer.ini`` in
neondatabase/neon): ``pool_mode = transaction``, ``max_prepared_statements = 0`` (written only
for PgBouncer 1.21+, which knows the setting; older versions have no protocol-level prepared
statement support at all, which is the same behaviour) and ``extra_float_digits`` as the only
ignored startup parameter. Pool sizes are scaled down for a test machine.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .server import _CHILD_ENV, LISTEN_ADDRESS, EmbeddedServer, _die_with_parent, _free_port, _unprivileged_account

#: Environment variable naming the ``pgbouncer`` program when it is not on ``PATH`` or in /usr/sbin.
PGBOUNCER_ENV = "NEON_TLS_PGBOUNCER"

#: What Neon's compute image sets (see the module docstring); sizes are scaled for a test machine.
NEON_POOLER_SETTINGS = {
    "pool_mode": "transaction",
    "max_prepared_statements": "0",
    "ignore_startup_parameters": "extra_float_digits",
    "default_pool_size": "8",
    "max_client_conn": "200",
}

_ADMIN_DATABASE = "pgbouncer"
_START_TIMEOUT = 30.0
_DIR_PREFIX = "neon-tls-pgbouncer-"  # under the embedded server's prefix: its sweep removes leftovers
_OWNER_FILE = "owner.pid"


class PoolerUnavailable(RuntimeError):
    """``pgbouncer`` is not installed; the message says how to install it or point at it."""


class PoolerStartError(RuntimeError):
    """PgBouncer did not start or refused a command; the message carries the end of its log."""


def find_pgbouncer() -> str:
    """The ``pgbouncer`` program: ``$NEON_TLS_PGBOUNCER``, ``PATH``, then /usr/sbin and /usr/local/bin."""
    override = os.environ.get(PGBOUNCER_ENV)
    if override:
        if os.access(override, os.X_OK):
            return override
        raise PoolerUnavailable(f"{PGBOUNCER_ENV} is {override!r}, which is not an executable pgbouncer.")
    found = shutil.which("pgbouncer") or next(
        (path for path in ("/usr/sbin/pgbouncer", "/usr/local/bin/pgbouncer") if os.access(path, os.X_OK)), None
    )
    if found is None:
        raise PoolerUnavailable(
            "pgbouncer is not installed. Fix: install it (Debian/Ubuntu: `apt-get install pgbouncer`, "
            f"Fedora: `dnf install pgbouncer`, macOS: `brew install pgbouncer`) or set {PGBOUNCER_ENV}."
        )
    return found


def pgbouncer_version(program: str) -> tuple[int, ...]:
    """The version of ``program`` as a tuple, e.g. ``(1, 18, 0)``."""
    result = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
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
    program: str = field(default_factory=find_pgbouncer)

    def __post_init__(self) -> None:
        self.port = 0
        self.version = pgbouncer_version(self.program)
        self._pools: dict[str, Pool] = {}
        self._admin_user = "pooler_admin"
        self._admin_password = secrets.token_urlsafe(24)
        self._account = _unprivileged_account()
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

    def start(self) -> None:
        """Write the configuration, start PgBouncer and wait until it accepts connections."""
        if self._directory is None:
            self._make_directory()
        for _attempt in range(3):
            self.port = _free_port()
            self._write_config()
            self._launch()
            if self._wait_ready():
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
        if process is not None and process.poll() is None:
            for sig in (signal.SIGTERM, signal.SIGKILL):
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(sig)
                try:
                    process.wait(10.0)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None
        atexit.unregister(self.stop)

    def admin(self, command: str) -> None:
        """Run one admin console command (``RELOAD``, ``KILL db``, ``RESUME db``...)."""
        import psycopg

        try:
            with psycopg.connect(
                host=LISTEN_ADDRESS,
                port=self.port,
                dbname=_ADMIN_DATABASE,
                user=self._admin_user,
                password=self._admin_password,
                sslmode="disable",  # noqa: NEO103 - 127.0.0.1 only; the console has no TLS here
                autocommit=True,
                cursor_factory=psycopg.ClientCursor,  # the console speaks the simple query protocol only
                connect_timeout=10,
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
        directory = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX))
        (directory / _OWNER_FILE).write_text(str(os.getpid()))
        if self._account is not None:
            os.chown(directory, self._account.pw_uid, self._account.pw_gid)
        self._directory = directory
        atexit.register(self.stop)
        self._write(directory / "root.crt", self.server.authority.ca_pem)

    def _write_config(self) -> None:
        directory = self.directory
        users = {self._admin_user: self._admin_password}
        users.update({pool.user: pool.password for pool in self._pools.values()})
        self._write(
            directory / "users.txt",
            "".join(f"{_quote(user)} {_quote(password)}\n" for user, password in users.items()).encode(),
        )
        databases = {
            pool.name: f"host={LISTEN_ADDRESS} port={self.server.port} dbname={pool.dbname} application_name=pgbouncer"
            for pool in self._pools.values()
        }
        settings = {
            "listen_addr": LISTEN_ADDRESS,
            "listen_port": str(self.port),
            "unix_socket_dir": "",
            "auth_type": "scram-sha-256",
            "auth_file": str(directory / "users.txt"),
            "admin_users": self._admin_user,
            "client_tls_sslmode": "disable",
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
        self._write(directory / "pgbouncer.ini", ("\n".join(lines) + "\n").encode())

    def _launch(self) -> None:
        self._process = subprocess.Popen(
            [self.program, "-q", str(self.directory / "pgbouncer.ini")],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C reaches pytest, which then stops PgBouncer
            preexec_fn=_die_with_parent(),
            **self._child_identity(),
        )

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self.ready():
                return True
            if not self.running:
                return False
            time.sleep(0.01)
        return False

    def _failure(self, what: str) -> str:
        return f"PgBouncer ({self.program}) {what}; end of its log:\n{self._log_tail()}"

    def _log_tail(self) -> str:
        try:
            lines = (self.directory / "pgbouncer.log").read_text(errors="replace").splitlines()
        except (OSError, RuntimeError):
            return "(no log)"
        return "\n".join(lines[-15:])

    def _child_identity(self) -> dict[str, Any]:
        if self._account is None:
            return {}
        return {
            "user": self._account.pw_uid,
            "group": self._account.pw_gid,
            "extra_groups": [],
            "env": {**_CHILD_ENV, "HOME": self._account.pw_dir, "USER": self._account.pw_name},
            "cwd": str(self.directory),
        }

    def _write(self, path: Path, content: bytes) -> None:
        """Write a file readable only by the account running PgBouncer."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        if self._account is not None:
            os.chown(path, self._account.pw_uid, self._account.pw_gid)


def _quote(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'
