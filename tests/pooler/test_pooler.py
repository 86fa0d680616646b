"""The PgBouncer executor (``pytest_neon_tls.pooler``): transaction mode, TLS to the server, runtime pools.

Needs ``pgbouncer`` (Debian/Ubuntu: ``apt-get install pgbouncer``); without it these tests skip
and say so.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from pytest_neon_tls.binaries import (
    PGBOUNCER_ENV,
    PoolerUnavailable,
    ServerUnavailable,
    find_binaries,
    find_pgbouncer,
)
from pytest_neon_tls.pooler import PgBouncer, Pool
from pytest_neon_tls.server import EmbeddedServer


@pytest.fixture(scope="module")
def pooler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PgBouncer]:
    try:
        binaries = find_binaries()
        find_pgbouncer()
    except (ServerUnavailable, PoolerUnavailable) as error:
        pytest.skip(str(error))
    with EmbeddedServer(binaries, base_dir=tmp_path_factory.mktemp("server")) as server, PgBouncer(server) as bouncer:
        yield bouncer


def _pool(pooler: PgBouncer, name: str) -> Pool:
    info = conninfo_to_dict(pooler.server.dsn())
    return Pool(name, "postgres", str(info["user"]), str(info["password"]))


def _connect(pooler: PgBouncer, pool: Pool, **params: object) -> psycopg.Connection:
    return psycopg.connect(
        host="127.0.0.1", port=pooler.port, dbname=pool.name, user=pool.user, password=pool.password,
        sslmode="disable", **params,
    )  # fmt: skip


def test_a_pool_added_at_runtime_serves_at_once_over_tls_to_the_server(pooler: PgBouncer) -> None:
    pool = _pool(pooler, "app-runtime")
    pooler.add_pool(pool)
    with _connect(pooler, pool) as conn:
        ssl_used, application = conn.execute(
            "SELECT ssl, current_setting('application_name') FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).fetchone()
    assert (ssl_used, application) == (True, "pgbouncer")
    pooler.remove_pool(pool.name)
    with pytest.raises(psycopg.OperationalError, match="no such database"):
        _connect(pooler, pool)


def test_with_client_tls_it_serves_verify_full_and_refuses_plaintext(pooler: PgBouncer) -> None:
    server = pooler.server
    with PgBouncer(server, client_tls=server.authority.server_certificate()) as bouncer:
        pool = _pool(bouncer, "app-tls")
        bouncer.add_pool(pool)
        dsn = bouncer.dsn(pool)
        assert "sslmode=verify-full" in dsn
        with psycopg.connect(dsn) as conn:
            assert conn.pgconn.ssl_in_use
            assert conn.execute("SELECT current_database()").fetchone() == ("postgres",)
        with pytest.raises(psycopg.OperationalError, match="SSL required"):
            _connect(bouncer, pool)
        bouncer.kill(pool.name)  # the admin console is reached over TLS too
        for name in ("client.key", "client.crt"):
            assert (bouncer.directory / name).stat().st_mode & 0o077 == 0


def test_without_client_tls_there_is_no_verify_full_dsn(pooler: PgBouncer) -> None:
    with pytest.raises(RuntimeError, match="give it client_tls"):
        pooler.dsn(_pool(pooler, "app-plain"))


def test_the_configuration_is_neons(pooler: PgBouncer) -> None:
    ini = (pooler.directory / "pgbouncer.ini").read_text()
    assert "pool_mode = transaction" in ini
    assert "server_tls_sslmode = verify-full" in ini
    assert "auth_type = scram-sha-256" in ini
    assert ("max_prepared_statements = 0" in ini) == (pooler.version >= (1, 21))


def test_clients_must_know_the_password(pooler: PgBouncer) -> None:
    pool = _pool(pooler, "app-auth")
    pooler.add_pool(pool)
    with pytest.raises(psycopg.OperationalError, match="SASL authentication failed"):
        _connect(pooler, Pool(pool.name, pool.dbname, pool.user, "wrong"))


def test_its_files_are_private(pooler: PgBouncer) -> None:
    for name in ("users.txt", "pgbouncer.ini"):
        assert (pooler.directory / name).stat().st_mode & 0o077 == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="only root must hand PgBouncer to another account")
def test_it_runs_unprivileged_when_root(pooler: PgBouncer) -> None:
    pid = pooler._process.pid  # noqa: SLF001 - the test inspects the real process
    uid_line = next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("Uid:"))
    assert int(uid_line.split()[1]) != 0


def test_stop_removes_everything(pooler: PgBouncer) -> None:
    other = PgBouncer(pooler.server)
    other.start()
    directory, process = other.directory, other._process  # noqa: SLF001
    assert other.ready()
    other.stop()
    assert process is not None and process.poll() is not None
    assert not directory.exists()
    assert not other.running


def test_a_bad_override_names_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(PGBOUNCER_ENV, str(tmp_path / "pgbouncer"))
    with pytest.raises(PoolerUnavailable, match=PGBOUNCER_ENV):
        find_pgbouncer()


def test_missing_pgbouncer_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PGBOUNCER_ENV, raising=False)
    monkeypatch.setenv("PATH", "")
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(PoolerUnavailable, match="apt-get install pgbouncer"):
        find_pgbouncer()
