"""The embedded server executor: TLS only, loopback only, unprivileged, cleaned up."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from flake8_neon.conninfo import parse
from pytest_neon_tls.server import EmbeddedServer, sweep_stale_directories


def _status(server: EmbeddedServer) -> dict[str, str]:
    pid = server._process.pid  # noqa: SLF001 - the test inspects the real process
    fields = Path(f"/proc/{pid}/status").read_text().splitlines()
    return dict(line.split(":\t", 1) for line in fields if ":\t" in line)


def test_server_accepts_verify_full_and_reports_tls(tls_server: EmbeddedServer) -> None:
    with psycopg.connect(tls_server.dsn()) as conn:
        assert conn.pgconn.ssl_in_use
        (version,) = conn.execute("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        assert version in ("TLSv1.2", "TLSv1.3")
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN "
                "('ssl_min_protocol_version', 'listen_addresses', 'unix_socket_directories', 'password_encryption')"
            ).fetchall()
        )
    assert settings == {
        "ssl_min_protocol_version": "TLSv1.2",
        "listen_addresses": "127.0.0.1",
        "unix_socket_directories": "",
        "password_encryption": "scram-sha-256",
    }


def test_server_rejects_plaintext(tls_server: EmbeddedServer) -> None:
    plaintext = parse(tls_server.dsn()).with_params(sslmode="disable")
    with pytest.raises(psycopg.OperationalError, match="pg_hba.conf rejects connection .* no encryption"):
        psycopg.connect(plaintext)


def test_server_rejects_wrong_password(tls_server: EmbeddedServer) -> None:
    wrong = parse(tls_server.dsn()).with_params(password="not-the-password")
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(wrong)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand the server to another account")
def test_server_runs_unprivileged_when_root(tls_server: EmbeddedServer) -> None:
    real_uid = int(_status(tls_server)["Uid"].split()[0])
    assert real_uid != 0


def test_stop_removes_everything(pg_binaries, tmp_path: Path) -> None:
    server = EmbeddedServer(pg_binaries, base_dir=tmp_path)
    server.start()
    directory, process = server.directory, server._process  # noqa: SLF001
    assert server.ready()
    server.stop()
    assert process.poll() is not None
    assert not directory.exists()
    assert not server.running


def test_killed_test_process_takes_the_server_down(pg_binaries) -> None:
    """SIGKILL of the owning process: the postmaster shuts down, and the next sweep removes the data."""
    script = textwrap.dedent(
        """
        import os, signal, sys
        from pathlib import Path
        from pytest_neon_tls.binaries import find_binaries
        from pytest_neon_tls.server import EmbeddedServer
        server = EmbeddedServer(find_binaries())
        server.start()
        print(server._process.pid, server.directory, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    pid_text, directory_text = result.stdout.split()
    pid, directory = int(pid_text), Path(directory_text)
    deadline = time.monotonic() + 15
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(f"/proc/{pid}").exists(), "postmaster survived its test process"
    assert directory.exists()
    sweep_stale_directories(directory.parent)
    assert not directory.exists()
