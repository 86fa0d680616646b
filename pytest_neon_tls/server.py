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
is set (it must name an existing account other than root), else as ``nobody``
(:class:`~pytest_neon_tls._child.Account`, which PgBouncer shares): an account that
owns no data, so that not even a role that gains ``pg_execute_server_program`` (PostgreSQL 15
and older let a ``CREATEROLE`` role grant it to itself) reaches the system's own clusters, as
the shared ``postgres`` account would. Its data then lives in a private directory under the
system temporary directory. The server is stopped and its directory removed by :meth:`stop`,
at interpreter exit, and (Linux) the postmaster gets SIGINT if the Python process dies.
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from ._child import (
    ACCOUNT_ENV,
    DIR_PREFIX,
    LISTEN_ADDRESS,
    Account,
    AccountError,
    free_port,
    log_tail,
    stop,
    sweep_stale_directories,
    wait_until,
)
from .binaries import PostgresBinaries
from .certificates import ServerCertificate, TestAuthority

__all__ = ["ACCOUNT_ENV", "LISTEN_ADDRESS", "EmbeddedServer", "ServerStartError", "sweep_stale_directories"]

SERVER_USER = "neon_tls"
SERVER_DATABASE = "postgres"
#: The bootstrap superuser: no password, rejected by pg_hba.conf (Neon's platform role has this name).
ADMIN_USER = "cloud_admin"
#: The role Neon makes every console/API role a member of; see the module docstring.
PRIVILEGED_ROLE = "neon_superuser"
HOST = "localhost"
_START_TIMEOUT = 30.0
#: Fast shutdown, then immediate, then kill.
_SHUTDOWN = ((signal.SIGINT, 10.0), (signal.SIGQUIT, 5.0), (signal.SIGKILL, 5.0))


class ServerStartError(RuntimeError):
    """The server did not start; the message carries the end of its log."""


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
        try:
            self._account = Account.for_children()
        except AccountError as error:
            raise ServerStartError(str(error)) from None
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
            self.port = free_port()
            self._launch()
            if self._wait_ready():
                break
            if "could not bind" not in log_tail(self.directory / "server.log"):
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
        stop(process, _SHUTDOWN)
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
        self._account.write(self.directory / "server.crt", certificate.cert_pem)
        self._account.write(self.directory / "server.key", certificate.key_pem)

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- internals ------------------------------------------------------------------------

    def _initialize(self) -> None:
        started = time.perf_counter()
        parent = self.base_dir if self._account.entry is None else None
        directory = self._directory = self._account.make_directory(DIR_PREFIX, parent)
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
        self._account.write(directory / "data" / "pg_hba.conf", _PG_HBA.encode())
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
        with open(self.directory / "server.log", "ab") as log:  # the child keeps its own descriptor
            self._process = self._account.spawn(
                [self.binaries.path("postgres"), "-D", str(self.directory / "data"), "-c", f"port={self.port}"],
                self.directory,
                log,
            )

    def _wait_ready(self) -> bool:
        if wait_until(self.ready, lambda: self.running, _START_TIMEOUT):
            return True
        self.stop(remove=False)
        return False

    def _start_failure(self) -> str:
        tail = log_tail(self.directory / "server.log")
        return f"embedded PostgreSQL ({self.binaries.bindir}) did not start; end of its log:\n{tail}"

    def _run(self, *argv: str, input: str | None = None, secret: str | None = None) -> None:
        """Run a PostgreSQL program as the server account; its output (``secret`` masked) on failure."""
        result = self._account.run(argv, self.directory, input)
        if result.returncode != 0:
            output = (result.stdout + result.stderr)[-2000:]
            if secret:
                output = output.replace(secret, "****")
            raise ServerStartError(f"{Path(argv[0]).name} failed (exit {result.returncode}):\n{output}")


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
