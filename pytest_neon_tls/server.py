"""A throwaway PostgreSQL cluster that, like Neon, accepts only TLS connections.

:class:`EmbeddedServer` is a small executor (``start`` / ``ready`` / ``stop``): ``initdb``, a CA
and server certificate from :mod:`pytest_neon_tls.certificates`, ``ssl_min_protocol_version =
'TLSv1.2'``, a ``pg_hba.conf`` that accepts only ``hostssl ... scram-sha-256`` and rejects
everything else, no Unix socket, listening on 127.0.0.1 only, on a free port.

Roles follow Neon's privilege model, so a test fails here where it would fail on Neon:

* ``cloud_admin``, the bootstrap superuser, has no password and ``pg_hba.conf`` rejects it: no
  one logs in as it (on Neon the platform keeps it).
* ``neon_superuser`` (no login) has ``CREATEDB CREATEROLE REPLICATION BYPASSRLS`` and membership
  in ``pg_read_all_data``, ``pg_write_all_data``, ``pg_monitor``, ``pg_signal_backend`` (and
  ``pg_create_subscription`` from PostgreSQL 16), as Neon's compute gives it.
* ``neon_tls``, the role tests log in as, is made like the default role of a Neon project
  (``neondb_owner``): ``LOGIN INHERIT CREATEROLE CREATEDB BYPASSRLS REPLICATION IN ROLE
  neon_superuser``, with a random password, and it owns the database ``postgres``. It is no
  superuser: ``COPY ... FROM PROGRAM``, reading server files, ``ALTER SYSTEM`` and untrusted
  languages are refused, as on Neon.

The roles are made in single-user mode right after ``initdb``, before the server listens.

When running as root (PostgreSQL refuses root), the server runs as ``$NEON_TLS_PG_USER`` when it
is set (it must name an existing account other than root), else as ``nobody``: an account that
owns no data, so that not even a role that gains ``pg_execute_server_program`` (PostgreSQL 15
and older let a ``CREATEROLE`` role grant it to itself) reaches the system's own clusters, as
the shared ``postgres`` account would. Its data then lives in a private directory under the
system temporary directory. The server is stopped and its directory removed by :meth:`stop`,
at interpreter exit, and (Linux) the postmaster gets SIGINT if the Python process dies.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .binaries import PostgresBinaries
from .certificates import ServerCertificate, TestAuthority

SERVER_USER = "neon_tls"
SERVER_DATABASE = "postgres"
#: The bootstrap superuser: no password, rejected by pg_hba.conf (Neon's platform role has this name).
ADMIN_USER = "cloud_admin"
#: The role Neon makes every console/API role a member of; see the module docstring.
PRIVILEGED_ROLE = "neon_superuser"
#: Environment variable naming the account to run the server as when running as root.
ACCOUNT_ENV = "NEON_TLS_PG_USER"
_DEFAULT_ACCOUNT = "nobody"
HOST = "localhost"
LISTEN_ADDRESS = "127.0.0.1"
_DIR_PREFIX = "neon-tls-"
_OWNER_FILE = "owner.pid"
_START_TIMEOUT = 30.0


class ServerStartError(RuntimeError):
    """The server did not start; the message carries the end of its log."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LISTEN_ADDRESS, 0))
        return int(sock.getsockname()[1])


def _unprivileged_account() -> pwd.struct_passwd | None:
    """The account to run the server as (see the module docstring), or None to run as ourselves.

    A set ``$NEON_TLS_PG_USER`` must name an existing account that is not root, and without
    root it must name ourselves: a misspelt or unusable account is an error, never a fall-back.
    """
    root = os.geteuid() == 0
    name = os.environ.get(ACCOUNT_ENV, "")
    if not name:
        if not root:
            return None
        try:
            return pwd.getpwnam(_DEFAULT_ACCOUNT)
        except KeyError:
            raise ServerStartError(
                f"running as root, and there is no '{_DEFAULT_ACCOUNT}' account to run PostgreSQL as (it "
                f"refuses root). Fix: set {ACCOUNT_ENV} to an unprivileged account that owns no data."
            ) from None
    try:
        account = pwd.getpwnam(name)
    except KeyError:
        raise ServerStartError(
            f"{ACCOUNT_ENV}={name!r} names no account on this machine. Fix: set it to an existing "
            f"unprivileged account, or unset it to run the embedded server as '{_DEFAULT_ACCOUNT}'."
        ) from None
    if account.pw_uid == 0:
        raise ServerStartError(
            f"{ACCOUNT_ENV}={name!r} is root, and PostgreSQL refuses to run as root. Fix: name an "
            f"unprivileged account, or unset it to run the embedded server as '{_DEFAULT_ACCOUNT}'."
        )
    if not root and account.pw_uid != os.geteuid():
        raise ServerStartError(
            f"{ACCOUNT_ENV}={name!r}, but only root can run the embedded server as another account. "
            f"Fix: unset {ACCOUNT_ENV} to run it as yourself."
        )
    return account if root else None


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook that makes the postmaster get SIGINT (fast shutdown) when the
    test process dies, even by SIGKILL. Resolved before fork: the child must not import."""
    if sys.platform != "linux":
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_parent_death_signal() -> None:  # pragma: no cover - runs between fork and exec
        prctl(pr_set_pdeathsig, int(signal.SIGINT))

    return set_parent_death_signal


def sweep_stale_directories(parent: Path | None = None) -> None:
    """Remove directories left by embedded servers whose test process no longer exists."""
    root = Path(parent or tempfile.gettempdir())
    for directory in root.glob(_DIR_PREFIX + "*"):
        owner_file = directory / _OWNER_FILE
        try:
            owner = int(owner_file.read_text())
        except (OSError, ValueError):
            continue
        if not _alive(owner):
            shutil.rmtree(directory, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class EmbeddedServer:
    """A TLS-only PostgreSQL cluster on 127.0.0.1 (see the module docstring).

    ``base_dir`` is used when the server runs as the current user (pytest's tmp dir); as root a
    private directory under the system temp dir is created for the unprivileged account.
    ``timings`` records seconds spent in ``initdb`` and in ``start`` (until ready).
    """

    binaries: PostgresBinaries
    base_dir: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.authority = TestAuthority()
        self.port = 0
        self._password = secrets.token_urlsafe(24)
        self._account = _unprivileged_account()
        self._process: subprocess.Popen[bytes] | None = None
        self._directory: Path | None = None
        self._initialized = False

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<EmbeddedServer {HOST}:{self.port} {state} dir={self._directory}>"

    # -- public surface -------------------------------------------------------------------

    @property
    def directory(self) -> Path:
        if self._directory is None:
            raise RuntimeError("the embedded server has not been started")
        return self._directory

    @property
    def ca_file(self) -> Path:
        """The root certificate clients must trust (``sslrootcert``)."""
        return self.directory / "root.crt"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def dsn(self) -> str:
        """A ``postgresql://`` URI with ``sslmode=verify-full`` and the CA as ``sslrootcert``.

        The URI holds the password: treat it as a secret (the plugin wraps it).
        """
        return (
            f"postgresql://{SERVER_USER}:{quote(self._password, safe='')}@{HOST}:{self.port}/"
            f"{SERVER_DATABASE}?sslmode=verify-full&sslrootcert={quote(str(self.ca_file))}"
        )

    def start(self) -> None:
        """Create the cluster on first use, then start the server and wait until it is ready."""
        started = time.perf_counter()
        if not self._initialized:
            self._initialize()
            self.install_certificate(self.authority.server_certificate())
        for _attempt in range(3):
            self.port = _free_port()
            self._launch()
            if self._wait_ready():
                break
            if "could not bind" not in self._log_tail():
                raise ServerStartError(self._start_failure())
        else:
            raise ServerStartError(self._start_failure())
        self.timings["start"] = time.perf_counter() - started

    def ready(self) -> bool:
        """True once the postmaster runs and reports itself ready for connections."""
        if not self.running:
            return False
        try:
            lines = (self.directory / "data" / "postmaster.pid").read_text().splitlines()
        except OSError:
            return False
        return len(lines) >= 8 and lines[7].strip() == "ready"

    def stop(self, remove: bool = True) -> None:
        """Fast shutdown, escalating to SIGKILL; then remove the directory unless ``remove`` is False."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            for sig, grace in ((signal.SIGINT, 10.0), (signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0)):
                with contextlib.suppress(ProcessLookupError):
                    process.send_signal(sig)
                try:
                    process.wait(grace)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if remove and self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None
            self._initialized = False
        if remove:
            atexit.unregister(self.stop)

    def restart(self) -> None:
        """Stop and start again on the same cluster (new port); used after a certificate change."""
        self.stop(remove=False)
        self.start()

    def install_certificate(self, certificate: ServerCertificate) -> None:
        """Make the server present ``certificate`` from its next start (see :meth:`restart`)."""
        self._write(self.directory / "server.crt", certificate.cert_pem)
        self._write(self.directory / "server.key", certificate.key_pem)

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------

    def _initialize(self) -> None:
        started = time.perf_counter()
        if self._account is None and self.base_dir is not None:
            self.base_dir.mkdir(parents=True, exist_ok=True)
            directory = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX, dir=self.base_dir))
        else:
            sweep_stale_directories()
            directory = Path(tempfile.mkdtemp(prefix=_DIR_PREFIX))
            (directory / _OWNER_FILE).write_text(str(os.getpid()))
            if self._account is not None:
                os.chown(directory, self._account.pw_uid, self._account.pw_gid)
        self._directory = directory
        atexit.register(self.stop)
        self.authority.write_ca(self.ca_file)
        self._run(
            self.binaries.path("initdb"),
            "--pgdata",
            str(directory / "data"),
            "--username",
            ADMIN_USER,
            "--auth",
            "reject",  # replaced below; the superuser gets no password at all
            "--encoding",
            "UTF8",
            "--no-locale",
            "--no-sync",
            "--no-instructions",
        )
        self._create_roles()
        self._write(directory / "data" / "pg_hba.conf", _PG_HBA.encode())
        conf = {**_SERVER_SETTINGS, **self.settings}
        conf["ssl_cert_file"] = str(directory / "server.crt")
        conf["ssl_key_file"] = str(directory / "server.key")
        with open(directory / "data" / "postgresql.conf", "a", encoding="utf-8") as handle:
            handle.write("\n# neon-tls embedded server\n")
            for key, value in conf.items():
                handle.write(f"{key} = '{value}'\n")
        self._initialized = True
        self.timings["initdb"] = time.perf_counter() - started

    def _create_roles(self) -> None:
        """Neon's privilege model (module docstring), in single-user mode: nothing listens yet."""
        password = self._password.replace("'", "''")
        statements = _ROLES_SQL.format(
            admin=ADMIN_USER, privileged=PRIVILEGED_ROLE, user=SERVER_USER, database=SERVER_DATABASE, password=password
        )
        self._run(
            self.binaries.path("postgres"),
            "--single",
            "-j",
            "-D",
            str(self.directory / "data"),
            "-c",
            "exit_on_error=on",
            "-c",
            "fsync=off",
            "-c",
            "log_checkpoints=off",
            "postgres",
            input=statements,
            secret=self._password,
        )

    def _launch(self) -> None:
        log = open(self.directory / "server.log", "ab")  # noqa: SIM115 - owned by the child
        try:
            self._process = subprocess.Popen(
                [self.binaries.path("postgres"), "-D", str(self.directory / "data"), "-c", f"port={self.port}"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches pytest, which then stops the server
                preexec_fn=_die_with_parent(),
                **self._child_identity(),
            )
        finally:
            log.close()

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self.ready():
                return True
            if not self.running:
                return False
            time.sleep(0.01)
        self.stop(remove=False)
        return False

    def _start_failure(self) -> str:
        return f"embedded PostgreSQL ({self.binaries.bindir}) did not start; end of its log:\n" + self._log_tail()

    def _log_tail(self) -> str:
        try:
            lines = (self.directory / "server.log").read_text(errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-15:])

    def _run(self, *argv: str, input: str | None = None, secret: str | None = None) -> None:
        """Run a PostgreSQL program as the server account; its output (``secret`` masked) on failure."""
        result = subprocess.run(
            argv, input=input, capture_output=True, text=True, timeout=120, **self._child_identity()
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr)[-2000:]
            if secret:
                output = output.replace(secret, "****")
            raise ServerStartError(f"{Path(argv[0]).name} failed (exit {result.returncode}):\n{output}")

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
        """Write a file readable only by the account running the server."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(path, 0o600)
        if self._account is not None:
            os.chown(path, self._account.pw_uid, self._account.pw_gid)


_CHILD_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C"}

# Only TLS with SCRAM on loopback; every non-TLS attempt is rejected explicitly, as on Neon.
# The bootstrap superuser never logs in.
_PG_HBA = f"""\
# TYPE     DATABASE  USER           ADDRESS        METHOD
hostssl    all       {ADMIN_USER}    127.0.0.1/32   reject
hostssl    all       all            127.0.0.1/32   scram-sha-256
hostnossl  all       all            0.0.0.0/0      reject
hostnossl  all       all            ::/0           reject
"""

# Single-user mode with -j: each statement ends with a semicolon and an empty line.
_ROLES_SQL = """\
CREATE ROLE {privileged} NOLOGIN CREATEDB CREATEROLE REPLICATION BYPASSRLS
    IN ROLE pg_read_all_data, pg_write_all_data;

GRANT pg_monitor, pg_signal_backend TO {privileged} WITH ADMIN OPTION;

DO $$BEGIN
    IF current_setting('server_version_num')::int >= 160000 THEN
        GRANT pg_create_subscription TO {privileged};
    END IF;
END$$;

CREATE ROLE {user} LOGIN INHERIT CREATEROLE CREATEDB BYPASSRLS REPLICATION
    IN ROLE {privileged} PASSWORD '{password}';

ALTER DATABASE {database} OWNER TO {user};

"""

_SERVER_SETTINGS = {
    "listen_addresses": LISTEN_ADDRESS,
    "unix_socket_directories": "",
    "ssl": "on",
    "ssl_min_protocol_version": "TLSv1.2",
    "password_encryption": "scram-sha-256",
    "max_connections": "30",
    "shared_buffers": "32MB",
    "fsync": "off",  # throwaway data: durability buys nothing here
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "log_min_messages": "warning",
    "log_connections": "off",
}
