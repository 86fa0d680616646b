"""Neon's ``-pooler`` route (PgBouncer in transaction mode) with a real PgBouncer in front of the embedded server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pooler import POOLED_HOST, PgBouncer

from pytest_neon_tls.binaries import ServerUnavailable, find_pgbouncer
from pytest_neon_tls.server import EmbeddedServer

SESSION_LOOP = ("-o", "asyncio_default_fixture_loop_scope=session", "-o", "asyncio_default_test_loop_scope=session")


@pytest.fixture(scope="module")
def pgbouncer(tls_server: EmbeddedServer) -> Iterator[PgBouncer]:
    try:
        find_pgbouncer()
    except ServerUnavailable as error:
        pytest.skip(f"{error} (`make test` installs it on Debian)")
    with PgBouncer(tls_server).running() as pooler:
        yield pooler


def _options(pgbouncer: PgBouncer, ca: Path, **params: str) -> tuple[str, ...]:
    return ("--neon-dsn", pgbouncer.dsn(**params), "--neon-sslrootcert", str(ca))


def test_neon_conn_works_across_many_tests_through_the_pooler(
    pytester: pytest.Pytester, pgbouncer: PgBouncer, tls_server: EmbeddedServer
) -> None:
    pytester.makepyfile(
        """
        import psycopg
        import pytest
        from psycopg.pq import TransactionStatus

        served = []

        def use(conn):
            assert conn.prepare_threshold is None  # the pooler keeps no prepared statements
            conn.execute("CREATE TEMP TABLE item (n int)")
            for n in range(8):  # psycopg would prepare this at the sixth execution
                conn.execute("INSERT INTO item VALUES (%s)", [n])
            with conn.transaction():
                conn.execute("INSERT INTO item VALUES (99)")

        @pytest.mark.parametrize("n", range(25))
        def test_sync(neon_conn, n):
            use(neon_conn)
            assert neon_conn.execute("SELECT count(*) FROM item").fetchone() == (9,)
            served.append(neon_conn)

        @pytest.mark.parametrize("n", range(5))
        @pytest.mark.asyncio
        async def test_async(neon_async_conn, n):
            assert neon_async_conn.prepare_threshold is None
            for _ in range(8):
                cursor = await neon_async_conn.execute("SELECT %s::int", [n])
            assert await cursor.fetchone() == (n,)

        def test_one_client_connection_served_them_all():
            assert len({id(conn) for conn in served}) == 1

        def test_the_pooler_drops_every_client(neon_dsn):
            admin = neon_dsn.replace("/postgres?", "/pgbouncer?")
            with psycopg.connect(admin, autocommit=True, prepare_threshold=None) as console:
                console.execute("KILL postgres")
                console.execute("RESUME postgres")

        def test_the_next_test_gets_a_fresh_verified_connection(neon_conn):
            assert neon_conn is not served[0]
            use(neon_conn)
            assert neon_conn.info.transaction_status == TransactionStatus.INTRANS
        """
    )
    # PgBouncer offers no channel binding (Neon's proxy, in front of its PgBouncer, does): see the next test.
    options = _options(pgbouncer, tls_server.ca_file, channel_binding="disable")
    result = pytester.runpytest("-p", "no:randomly", *SESSION_LOOP, *options)
    result.assert_outcomes(passed=33)
    result.stdout.fnmatch_lines([f"neon-tls: target postgresql://neon_tls:****@{POOLED_HOST}/postgres?*"])


def test_channel_binding_is_required_for_neon_and_explained_at_the_pooler(
    pytester: pytest.Pytester, pgbouncer: PgBouncer, tls_server: EmbeddedServer
) -> None:
    """The console's DSN asks for channel binding; Neon's proxy offers it, a bare PgBouncer does not."""
    pytester.makepyfile("def test_db(neon_conn):\n    pass\n")
    dsn = pgbouncer.dsn(channel_binding="require")
    result = pytester.runpytest("--neon-dsn", dsn, "--neon-sslrootcert", str(tls_server.ca_file))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*does not authenticate with channel binding (SCRAM-SHA-256-PLUS)*"])
    assert pgbouncer.password not in result.stdout.str()


def test_why_preparing_is_off_through_the_pooler(pgbouncer: PgBouncer, tls_server: EmbeddedServer) -> None:
    """psycopg's automatic prepare meets another server connection in the next transaction."""
    dsn = pgbouncer.dsn(sslmode="verify-full", sslrootcert=str(tls_server.ca_file))
    with psycopg.connect(dsn, autocommit=True) as client, psycopg.connect(dsn) as other:
        for _ in range(6):  # prepared at the sixth execution, on the server connection of that moment
            client.execute("SELECT 1")
        other.execute("SELECT 1")  # holds that server connection in an open transaction
        with pytest.raises(psycopg.errors.InvalidSqlStatementName, match="does not exist"):
            client.execute("SELECT 1")
        other.rollback()
