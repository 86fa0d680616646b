"""A real PgBouncer in transaction mode in front of the embedded server: Neon's ``-pooler`` route, locally.

Clients reach it with TLS (a wildcard certificate for a Neon region, from the embedded server's
CA) and SCRAM; it reaches the server with verify-full. Like Neon's compute image it keeps no
prepared statements (PgBouncer 1.18, Debian 12's, cannot). As root it runs as the ``postgres``
account (else ``nobody``), because PgBouncer refuses to run as root.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from flake8_neon.conninfo import parse
from pytest_neon_tls.binaries import find_pgbouncer
from pytest_neon_tls.server import EmbeddedServer, _free_port, _unprivileged_account

REGION = "us-east-2.aws.neon.tech"
ENDPOINT = "ep-quiet-lake-a1b2c3d4"
POOLED_HOST = f"{ENDPOINT}-pooler.{REGION}"


class PgBouncer:
    """Start with :meth:`running`; :attr:`port` and :meth:`dsn` tell clients where it is."""

    def __init__(self, server: EmbeddedServer) -> None:
        self.server = server
        self.port = _free_port()
        self.password = parse(server.dsn()).params["password"]
        self._account = _unprivileged_account()  # the embedded server's own choice of account
        self.directory = Path(tempfile.mkdtemp(prefix="neon-tls-pgbouncer-"))

    def dsn(self, **params: str) -> str:
        """The pooled DSN as Neon's console shows it, pinned to 127.0.0.1 (no DNS, nothing leaves the host)."""
        settings = {"hostaddr": "127.0.0.1", "port": str(self.port), "sslmode": "require", **params}
        query = "&".join(f"{key}={value}" for key, value in settings.items())
        return f"postgresql://neon_tls:{self.password}@{POOLED_HOST}/postgres?{query}"

    @contextlib.contextmanager
    def running(self) -> Iterator[PgBouncer]:
        config = self._write_config()
        process = subprocess.Popen(
            [str(find_pgbouncer()), str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            **self._identity(),
        )
        try:
            self._wait_ready(process)
            yield self
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            shutil.rmtree(self.directory, ignore_errors=True)

    def _write_config(self) -> Path:
        certificate = self.server.authority.server_certificate(f"*.{REGION}")
        files = {
            "pooler.crt": certificate.cert_pem,
            "pooler.key": certificate.key_pem,
            "userlist.txt": f'"neon_tls" "{self.password}"\n'.encode(),
            "server-ca.crt": self.server.ca_file.read_bytes(),
        }
        settings = {
            "listen_addr": "127.0.0.1",
            "listen_port": str(self.port),
            "unix_socket_dir": "",
            "auth_type": "scram-sha-256",
            "auth_file": str(self.directory / "userlist.txt"),
            "admin_users": "neon_tls",
            "pool_mode": "transaction",
            "default_pool_size": "2",
            "client_tls_sslmode": "require",
            "client_tls_cert_file": str(self.directory / "pooler.crt"),
            "client_tls_key_file": str(self.directory / "pooler.key"),
            "server_tls_sslmode": "verify-full",
            "server_tls_ca_file": str(self.directory / "server-ca.crt"),
            "logfile": str(self.directory / "pgbouncer.log"),
        }
        database = f"postgres = host=127.0.0.1 port={self.server.port} dbname=postgres"
        lines = ["[databases]", database, "[pgbouncer]", *(f"{key} = {value}" for key, value in settings.items())]
        files["pgbouncer.ini"] = ("\n".join(lines) + "\n").encode()
        for name, content in files.items():
            path = self.directory / name
            path.write_bytes(content)
            path.chmod(0o600)
            if self._account is not None:
                os.chown(path, self._account.pw_uid, self._account.pw_gid)
        if self._account is not None:
            os.chown(self.directory, self._account.pw_uid, self._account.pw_gid)
        return self.directory / "pgbouncer.ini"

    def _identity(self) -> dict[str, object]:
        if self._account is None:
            return {}
        return {"user": self._account.pw_uid, "group": self._account.pw_gid, "extra_groups": []}

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if process.poll() is not None:
                break
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return
            time.sleep(0.05)
        log = self.directory / "pgbouncer.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no log)"
        raise RuntimeError(f"pgbouncer did not start; end of its log:\n{tail}")
