"""The embedded server executor: TLS only, loopback only, Neon's privileges, unprivileged, cleaned up."""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest

from flake8_neon.conninfo import parse
from pytest_neon_tls.server import ACCOUNT_ENV, EmbeddedServer, ServerStartError, sweep_stale_directories


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


def test_the_test_role_has_the_privileges_of_neons_default_role(tls_server: EmbeddedServer) -> None:
    with psycopg.connect(tls_server.dsn()) as conn:
        attributes = conn.execute(
            "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, "
            "rolbypassrls FROM pg_roles WHERE rolname IN (current_user, 'neon_superuser') ORDER BY rolname"
        ).fetchall()
        granted = conn.execute(
            "SELECT array_agg(g.rolname ORDER BY g.rolname) FROM pg_auth_members m "
            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = %s",
            ["neon_superuser"],
        ).fetchone()
        member = conn.execute("SELECT pg_has_role(current_user, 'neon_superuser', 'member')").fetchone()
        owner = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
        superusers = conn.execute("SELECT array_agg(rolname) FROM pg_roles WHERE rolsuper").fetchone()
        version = conn.info.server_version
    # name, super, inherit, createrole, createdb, login, replication, bypassrls: Neon's compute_ctl
    assert attributes == [
        ("neon_superuser", False, True, True, True, False, True, True),
        ("neon_tls", False, True, True, True, True, True, True),
    ]
    expected = ["pg_monitor", "pg_read_all_data", "pg_signal_backend", "pg_write_all_data"]
    if version >= 160000:
        expected = sorted([*expected, "pg_create_subscription"])
    assert granted == (expected,)
    assert member == (True,)
    assert owner.fetchone() == ("neon_tls",)
    assert superusers == (["cloud_admin"],)


@pytest.mark.parametrize(
    "statement",
    [
        "COPY (SELECT 1) TO PROGRAM 'id'",
        "CREATE TEMP TABLE copied (line text); COPY copied FROM '/etc/passwd'",
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_ls_dir('.')",
        "ALTER SYSTEM SET work_mem = '8MB'",
        "CREATE ROLE intruder SUPERUSER",
        "ALTER ROLE neon_tls SUPERUSER",
        "SET session_replication_role = replica",
    ],
)
def test_the_test_role_is_refused_what_neon_refuses(tls_server: EmbeddedServer, statement: str) -> None:
    with psycopg.connect(tls_server.dsn(), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(statement)


def test_the_test_role_creates_databases_and_roles(tls_server: EmbeddedServer) -> None:
    with psycopg.connect(tls_server.dsn(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE made_by_tests")
        conn.execute("CREATE ROLE reporter LOGIN PASSWORD 'reporter-pw'")
        conn.execute("GRANT CONNECT ON DATABASE made_by_tests TO reporter")
    owner_of_new_database = parse(tls_server.dsn()).with_params(dbname="made_by_tests")
    with psycopg.connect(owner_of_new_database) as conn:
        conn.execute("CREATE TABLE t (x int)")
        conn.execute("INSERT INTO t VALUES (1)")
        assert conn.execute("SELECT count(*) FROM t").fetchone() == (1,)
    reporter = parse(tls_server.dsn()).with_params(user="reporter", password="reporter-pw", dbname="made_by_tests")
    with psycopg.connect(reporter) as conn:
        assert conn.execute("SELECT current_user").fetchone() == ("reporter",)


def test_nobody_logs_in_as_the_bootstrap_superuser(tls_server: EmbeddedServer) -> None:
    admin = parse(tls_server.dsn()).with_params(user="cloud_admin", password="")
    with pytest.raises(psycopg.OperationalError, match='pg_hba.conf rejects connection .* user "cloud_admin"'):
        psycopg.connect(admin)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand the server to another account")
def test_server_runs_as_an_account_that_owns_no_data(tls_server: EmbeddedServer) -> None:
    real_uid = int(_status(tls_server)["Uid"].split()[0])
    assert real_uid == pwd.getpwnam("nobody").pw_uid
    assert real_uid != pwd.getpwnam("postgres").pw_uid


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand the server to another account")
def test_a_role_that_grants_itself_server_programs_still_reaches_no_system_data(tls_server: EmbeddedServer) -> None:
    """PostgreSQL 15 and older let a CREATEROLE role grant itself pg_execute_server_program."""
    with psycopg.connect(tls_server.dsn()) as conn, conn.transaction(force_rollback=True):
        if conn.info.server_version >= 160000:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("GRANT pg_execute_server_program TO neon_tls")
            return
        conn.execute("GRANT pg_execute_server_program TO neon_tls")
        conn.execute("CREATE TEMP TABLE said (line text)")
        conn.execute("COPY said FROM PROGRAM 'id -un; ls /var/lib/postgresql/*/main >/dev/null 2>&1 || echo denied'")
        assert conn.execute("SELECT array_agg(line) FROM said").fetchone() == (["nobody", "denied"],)


def test_a_misspelt_account_is_an_error(pg_binaries, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ACCOUNT_ENV, "postgress")
    with pytest.raises(ServerStartError, match=f"{ACCOUNT_ENV}='postgress' names no account on this machine. Fix:"):
        EmbeddedServer(pg_binaries)


def test_root_is_not_an_account_to_run_the_server_as(pg_binaries, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ACCOUNT_ENV, "root")
    with pytest.raises(ServerStartError, match=f"{ACCOUNT_ENV}='root' is root, and PostgreSQL and PgBouncer refuse"):
        EmbeddedServer(pg_binaries)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand the server to another account")
def test_the_account_can_be_chosen(pg_binaries, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ACCOUNT_ENV, "postgres")
    with EmbeddedServer(pg_binaries) as server:
        assert int(_status(server)["Uid"].split()[0]) == pwd.getpwnam("postgres").pw_uid
        with psycopg.connect(server.dsn()) as conn:
            assert conn.execute("SELECT current_user").fetchone() == ("neon_tls",)


def test_a_misspelt_account_errors_the_tests_instead_of_skipping(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ACCOUNT_ENV, "postgress")
    monkeypatch.delenv("NEON_DATABASE_URL", raising=False)
    pytester.makepyfile("def test_db(neon_conn):\n    pass\n")
    result = pytester.runpytest("-p", "no:randomly", "-o", "asyncio_default_fixture_loop_scope=function")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{ACCOUNT_ENV}='postgress' names no account on this machine. Fix:*"])


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
