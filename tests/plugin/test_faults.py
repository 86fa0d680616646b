"""Faults between and during tests: a connection killed while idle, a dead server, a silent host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_neon.conninfo import parse
from pytest_neon_tls.connect import connect
from pytest_neon_tls.errors import NeonConnectError
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.target import Target, harden

SESSION_LOOP = ("-o", "asyncio_default_fixture_loop_scope=session", "-o", "asyncio_default_test_loop_scope=session")


def test_a_connection_killed_between_tests_is_replaced(pytester: pytest.Pytester) -> None:
    """pg_terminate_backend is what a client sees of a Neon compute suspending while idle."""
    pytester.makepyfile(
        """
        import psycopg
        import pytest

        pids = {}
        TLS = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"

        def test_sync_connection(neon_conn):
            pids["sync"] = neon_conn.info.backend_pid

        @pytest.mark.asyncio
        async def test_async_connection(neon_async_conn):
            pids["async"] = neon_async_conn.info.backend_pid

        def test_the_server_terminates_both(neon_dsn):
            with psycopg.connect(neon_dsn, autocommit=True) as admin:
                for pid in pids.values():
                    assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)

        def test_sync_gets_a_fresh_verified_connection(neon_conn):
            assert neon_conn.info.backend_pid != pids["sync"]
            assert neon_conn.execute(TLS).fetchone() == (True,)

        @pytest.mark.asyncio
        async def test_async_gets_a_fresh_verified_connection(neon_async_conn):
            assert neon_async_conn.info.backend_pid != pids["async"]
            assert await (await neon_async_conn.execute(TLS)).fetchone() == (True,)
        """
    )
    result = pytester.runpytest("-p", "no:randomly", *SESSION_LOOP)
    result.assert_outcomes(passed=5)


def test_a_dead_server_errors_clearly_once_then_at_once(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import os
        import signal
        import time

        from pytest_neon_tls.factories import neon_session

        def test_works(neon_conn):
            neon_conn.execute("SELECT 1")

        def test_the_postmaster_dies(neon_conn, request):
            data = neon_session(request).server.directory / "data"
            os.kill(int((data / "postmaster.pid").read_text().split()[0]), signal.SIGKILL)
            time.sleep(0.5)  # its backends notice and exit

        def test_after_1(neon_conn):
            pass

        def test_after_2(neon_conn):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:randomly", "-rN")  # no summary: under CI it repeats reports in full
    result.assert_outcomes(passed=2, errors=2)
    output = result.stdout.str()
    assert "generator didn't yield" not in output
    assert "Traceback" not in output
    assert output.count("nothing listens on that host and port (connection refused)") == 2
    assert output.count("neon-tls gave up on this target earlier in this run") == 1


def test_an_unreachable_target_costs_one_timeout_not_one_per_test(
    pytester: pytest.Pytester, ca_file: Path, silent_port: int
) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.parametrize("n", range(3))
        def test_db(neon_conn, n):
            pass
        """
    )
    dsn = f"host=127.0.0.1 port={silent_port} user=u password=Secret-4711 connect_timeout=2 sslmode=verify-full"
    result = pytester.runpytest(
        "--neon-dsn", dsn, "--neon-sslrootcert", str(ca_file), "--durations=0", "--durations-min=0", "-rN"
    )
    result.assert_outcomes(errors=3)
    setups = [float(seconds) for seconds in re.findall(r"^(\d+\.\d+)s setup\s", result.stdout.str(), re.MULTILINE)]
    assert len(setups) == 3
    assert max(setups) >= 1.9  # the first test waits out connect_timeout=2 ...
    assert sorted(setups)[:2] < [0.5, 0.5]  # ... the others fail at once, with the same explanation
    output = result.stdout.str()
    assert output.count("no answer within 2.") == 3
    assert output.count("neon-tls gave up on this target earlier in this run") == 2
    assert "Secret-4711" not in output


def test_the_message_names_the_real_wait_over_several_hosts(ca_file: Path, silent_port: int) -> None:
    """psycopg gives connect_timeout to every host address in turn: three hosts wait three times as long."""
    root = RootBundle(ca_file, "test CA")
    conninfo = parse(f"host=127.0.0.1,127.0.0.1,127.0.0.1 port={silent_port} user=u connect_timeout=2")
    target = Target(harden(conninfo, root).conninfo, root, embedded=False)
    with pytest.raises(NeonConnectError) as failure:
        connect(target)
    message = str(failure.value)
    waited = float(re.search(r"no answer within (\d+\.\d) s", message).group(1))
    assert waited >= 5.8
    assert "(connect_timeout=2 s for each of the 3 addresses tried)" in message
