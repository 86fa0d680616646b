"""The plugin end to end with pytester: fixtures, isolation, options, header, skip/fail, redaction."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pytest_neon_tls.certificates import TestAuthority

SECRET = "Sup3r-Secret-Pw-4711"


def test_isolation_nesting_reuse_and_recovery(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_db="""
        import psycopg
        import pytest

        backends = []

        def test_write(neon_conn):
            neon_conn.execute("CREATE TABLE item (name text)")
            neon_conn.execute("INSERT INTO item VALUES ('kept')")
            with pytest.raises(psycopg.errors.UniqueViolation):
                with neon_conn.transaction():  # a savepoint inside the test's transaction
                    neon_conn.execute("INSERT INTO item VALUES ('undone')")
                    neon_conn.execute("CREATE UNIQUE INDEX ON item (name)")
                    neon_conn.execute("INSERT INTO item VALUES ('kept')")
            assert neon_conn.execute("SELECT array_agg(name) FROM item").fetchone() == (["kept"],)
            backends.append(neon_conn.info.backend_pid)

        def test_row_is_gone(neon_conn):
            assert neon_conn.execute("SELECT to_regclass('item')").fetchone() == (None,)
            backends.append(neon_conn.info.backend_pid)

        def test_one_connection_serves_all(neon_conn):
            backends.append(neon_conn.info.backend_pid)
            assert len(set(backends)) == 1

        def test_commit_is_refused(neon_conn):  # and errors at teardown: see test_isolation.py
            neon_conn.execute("CREATE TABLE escaped (x int)")
            with pytest.raises(psycopg.errors.InvalidTextRepresentation, match="neon-tls refuses COMMIT"):
                neon_conn.commit()

        def test_nothing_escaped(neon_conn):
            assert neon_conn.execute("SELECT to_regclass('escaped')").fetchone() == (None,)

        def test_breaks_connection(neon_conn):
            neon_conn.close()

        def test_next_gets_a_fresh_one(neon_conn):
            assert neon_conn.execute("SELECT 1").fetchone() == (1,)
            assert neon_conn.info.backend_pid not in backends

        def test_row_factory_does_not_leak_1(neon_conn):
            neon_conn.row_factory = psycopg.rows.dict_row

        def test_row_factory_does_not_leak_2(neon_conn):
            assert neon_conn.execute("SELECT 1 AS one").fetchone() == (1,)

        @pytest.mark.asyncio
        async def test_async_write(neon_async_conn):
            await neon_async_conn.execute("CREATE TABLE async_item (x int)")
            async with neon_async_conn.transaction():
                await neon_async_conn.execute("INSERT INTO async_item VALUES (1)")
            cur = await neon_async_conn.execute("SELECT count(*) FROM async_item")
            assert await cur.fetchone() == (1,)

        @pytest.mark.asyncio
        async def test_async_row_is_gone(neon_async_conn):
            cur = await neon_async_conn.execute("SELECT to_regclass('async_item')")
            assert await cur.fetchone() == (None,)
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=11, errors=1)
    result.stdout.fnmatch_lines(
        [
            "neon-tls: target embedded TLS-only PostgreSQL from *",
            "neon-tls: libpq * (psycopg *)",
            "neon-tls: connections were verify-full over TLSv1.[23] *",
        ]
    )


def test_marker_is_automatic_and_factories_work(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        import pytest
        from pytest_neon_tls import factories

        analytics_conn = factories.neon_connection(dbname="analytics", application_name="neon-tls-test")

        @pytest.fixture
        def repository(neon_conn):
            return neon_conn
        """
    )
    pytester.makepyfile(
        test_marks="""
        def test_plain():
            pass

        def test_direct(neon_conn):
            pass

        def test_indirect(repository):
            pass

        def test_dsn(neon_dsn):
            pass

        def test_factory(analytics_conn):
            row = analytics_conn.execute("SELECT current_database(), current_setting('application_name')").fetchone()
            assert row == ("analytics", "neon-tls-test")
        """
    )
    result = pytester.runpytest("-m", "not neon")
    result.assert_outcomes(passed=1, deselected=4)
    result.stdout.no_fnmatch_line("neon-tls: libpq*")  # psycopg is not even imported for the header
    result = pytester.runpytest("-m", "neon")
    result.assert_outcomes(passed=4, deselected=1)


def test_dsn_precedence_option_env_ini_in_header(pytester: pytest.Pytester, ca_file: Path, monkeypatch) -> None:
    pytester.makeini(f"[pytest]\nneon_dsn = host=ini.example\nneon_sslrootcert = {ca_file}\n")
    pytester.makepyfile("def test_nothing(): pass")
    monkeypatch.setenv("NEON_DATABASE_URL", "host=env.example sslmode=verify-full")
    result = pytester.runpytest("--neon-dsn", "host=opt.example sslmode=verify-full")
    result.stdout.fnmatch_lines([f"neon-tls: target host=opt.example * ({'--neon-dsn'}), sslmode verify-full"])
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(["neon-tls: target host=env.example * (NEON_DATABASE_URL), sslmode verify-full"])
    monkeypatch.delenv("NEON_DATABASE_URL")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            "neon-tls: target host=ini.example * (ini neon_dsn), sslmode verify-full (upgraded from prefer)",
            f"neon-tls: root bundle {ca_file} (--neon-sslrootcert)",
        ]
    )
    result = pytester.runpytest("--neon-embedded")
    result.stdout.fnmatch_lines(["neon-tls: target embedded TLS-only PostgreSQL *"])


def test_sslrootcert_precedence_in_header(pytester: pytest.Pytester, tmp_path: Path, monkeypatch) -> None:
    files = {}
    for name in ("option", "dsn", "env"):
        files[name] = TestAuthority().write_ca(tmp_path / f"{name}.pem")
    pytester.makepyfile("def test_nothing(): pass")
    monkeypatch.setenv("PGSSLROOTCERT", str(files["env"]))
    monkeypatch.setenv("NEON_DATABASE_URL", f"host=db.example sslrootcert={files['dsn']}")
    result = pytester.runpytest("--neon-sslrootcert", str(files["option"]))
    result.stdout.fnmatch_lines([f"neon-tls: root bundle {files['option']} (--neon-sslrootcert)"])
    result = pytester.runpytest()
    result.stdout.fnmatch_lines([f"neon-tls: root bundle {files['dsn']} (sslrootcert in the DSN)"])
    monkeypatch.setenv("NEON_DATABASE_URL", "host=db.example")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines([f"neon-tls: root bundle {files['env']} (PGSSLROOTCERT)"])
    monkeypatch.delenv("PGSSLROOTCERT")
    monkeypatch.setenv("SSL_CERT_FILE", str(files["option"]))
    result = pytester.runpytest("--neon-sslrootcert", "system")
    result.stdout.fnmatch_lines(
        [f"neon-tls: root bundle {files['option']} (system via --neon-sslrootcert: SSL_CERT_FILE)"]
    )


def test_weak_sslmode_is_upgraded_with_a_warning(pytester: pytest.Pytester, ca_file: Path) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest(
        "--neon-dsn", "postgresql://u@db.example/app?sslmode=require", "--neon-sslrootcert", str(ca_file)
    )
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*sslmode verify-full (upgraded from require)",
            "*NeonTlsWarning: the DSN asks for sslmode=require (from conninfo)*verify-full instead*",
        ]
    )


def test_bad_values_fail_the_session_early(pytester: pytest.Pytester, tmp_path: Path) -> None:
    pytester.makepyfile("def test_nothing(): pass")
    result = pytester.runpytest("--neon-dsn", f"host=db.example password={SECRET} junk")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: neon-tls: --neon-dsn is not a valid connection string*"])
    assert SECRET not in result.stdout.str() + result.stderr.str()
    result = pytester.runpytest("--neon-dsn", "host=db.example", "--neon-sslrootcert", str(tmp_path / "missing.pem"))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: neon-tls: root certificate file *missing.pem* does not exist. Fix:*"])


def test_no_binaries_skips_or_fails_with_require(pytester: pytest.Pytester, tmp_path: Path) -> None:
    pytester.makepyfile(
        """
        def test_db(neon_conn):
            pass

        def test_plain():
            pass
        """
    )
    empty = str(tmp_path)
    result = pytester.runpytest("--neon-pg-bindir", empty, "-rs")
    result.assert_outcomes(passed=1, skipped=1)
    result.stdout.fnmatch_lines(["SKIPPED*neon-tls has no database*no executable initdb*--neon-require*"])
    result = pytester.runpytest("--neon-pg-bindir", empty, "--neon-require")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*neon-tls has no database: no DSN is set and --neon-pg-bindir is*Fix:*"])


def test_connection_failure_errors_and_never_shows_the_password(
    pytester: pytest.Pytester, ca_file: Path, closed_port: int
) -> None:
    pytester.makepyfile(
        """
        def test_uses_conn(neon_conn):
            pass

        def test_uses_dsn(neon_dsn):
            dsn = neon_dsn
            assert dsn == "something else"
        """
    )
    dsn = f"postgresql://alice:{SECRET}@127.0.0.1:{closed_port}/app?sslmode=require"
    result = pytester.runpytest_subprocess(
        "-vv", "--showlocals", "--tb=long", "-rA", "--neon-dsn", dsn, "--neon-sslrootcert", str(ca_file)
    )
    result.assert_outcomes(failed=1, errors=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            "*could not connect with sslmode=verify-full to postgresql://alice:****@127.0.0.1:*",
            "*nothing listens on that host and port (connection refused)*",
            "*Fix: check the host and port*",
        ]
    )
    output = result.stdout.str() + result.stderr.str()
    assert "dsn        = 'postgresql://alice:****@" in output  # the local is shown, masked
    assert SECRET not in output


def test_embedded_password_never_shown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pathlib import Path

        def test_leak_attempt(neon_target, neon_dsn, neon_conn):
            Path("password.txt").write_text(neon_target.conninfo.params["password"])
            dsn, target, conn = neon_dsn, neon_target, neon_conn
            assert not dsn
        """
    )
    result = pytester.runpytest_subprocess("-vv", "--showlocals", "--tb=long")
    result.assert_outcomes(failed=1)
    password = (pytester.path / "password.txt").read_text()
    assert len(password) > 20
    assert password not in result.stdout.str() + result.stderr.str()


def test_missing_psycopg_only_breaks_neon_tests(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("import sys\nsys.modules['psycopg'] = None  # simulate: not installed\n")
    pytester.makepyfile(
        """
        def test_plain():
            pass

        def test_db(neon_conn):
            pass
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*psycopg is not installed*Fix: pip install 'neon-tls[[]pytest[]]'"])
    result.stdout.no_fnmatch_line("*During handling of the above exception*")


def test_xdist_workers_get_one_server_each(pytester: pytest.Pytester) -> None:
    pytest.importorskip("xdist")
    pytester.makepyfile(
        textwrap.dedent(
            """
            import os
            import pytest
            from pathlib import Path

            @pytest.mark.parametrize("n", range(6))
            def test_isolated(neon_conn, neon_target, n):
                neon_conn.execute("CREATE TABLE IF NOT EXISTS seen (n int)")
                neon_conn.execute("INSERT INTO seen VALUES (%s)", [n])
                assert neon_conn.execute("SELECT count(*) FROM seen").fetchone() == (1,)
                port = neon_target.conninfo.params["port"]
                Path(f"port-{os.environ['PYTEST_XDIST_WORKER']}").write_text(port)
            """
        )
    )
    result = pytester.runpytest_subprocess("-n", "2")
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines(["neon-tls: connections were verify-full over TLSv1.[23] *"])
    ports = {path.read_text() for path in pytester.path.glob("port-gw*")}
    assert len(ports) == 2


def test_interrupted_run_still_removes_the_server(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from pathlib import Path

        def test_interrupt(neon_target, request):
            from pytest_neon_tls.factories import neon_session
            Path("server-dir.txt").write_text(str(neon_session(request).server.directory))
            raise KeyboardInterrupt
        """
    )
    result = pytester.runpytest_subprocess()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    directory = Path((pytester.path / "server-dir.txt").read_text())
    assert not directory.exists()


def test_pytest_starts_without_pytest_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_unrelated():\n    assert True\n")
    result = pytester.runpytest_subprocess("-p", "no:xdist")
    result.assert_outcomes(passed=1)


def test_async_connection_under_anyio_and_pytest_asyncio(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.fixture
        def anyio_backend():
            return "asyncio"

        @pytest.mark.anyio
        async def test_anyio(neon_async_conn):
            cursor = await neon_async_conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            assert await cursor.fetchone() == (True,)

        @pytest.mark.asyncio
        async def test_asyncio(neon_async_conn):
            cursor = await neon_async_conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
            assert await cursor.fetchone() == (True,)
        """
    )
    result = pytester.runpytest_subprocess()
    result.assert_outcomes(passed=2)
