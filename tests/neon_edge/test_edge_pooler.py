"""The ``-pooler`` route: real PgBouncer in transaction mode, and what a session loses through it.

Each test uses two clients of one fresh pooled endpoint. After ``a`` ran a statement, its server
connection is the only idle one; ``b`` then takes it inside a transaction, so ``a``'s next
statement runs on another server connection: exactly what happens under load on Neon. Session
state ``a`` left behind is missing for ``a`` (and visible to ``b``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg
import pytest

from neon_edge import facts
from neon_edge.edge import Endpoint, NeonEdge


@pytest.fixture
def clients(neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint) -> Iterator[tuple[psycopg.Connection, ...]]:
    dsn = neon_edge.dsn(neon_pooled_endpoint.id, pooled=True, channel_binding="require")
    with psycopg.connect(dsn, autocommit=True) as a, psycopg.connect(dsn, autocommit=True, prepare_threshold=None) as b:
        yield a, b


@contextlib.contextmanager
def server_taken_by(b: psycopg.Connection) -> Iterator[None]:
    """``b`` holds the idle server connection in a transaction for the duration."""
    with b.transaction():
        b.execute("SELECT 1")
        yield


def test_the_pooled_route_is_pgbouncer_in_transaction_mode(neon_edge: NeonEdge, clients) -> None:
    a, _b = clients
    assert a.execute("SELECT current_database(), current_setting('application_name')").fetchone() == (
        "neondb",
        "pgbouncer",  # Neon's default application_name for pooled connections
    )
    assert neon_edge.pooler is not None and neon_edge.pooler.settings["pool_mode"] == "transaction"


def test_session_set_does_not_stay_with_the_session(clients) -> None:
    a, b = clients
    a.execute("SET search_path = lost_schema")
    with server_taken_by(b):
        assert a.execute("SHOW search_path").fetchone() == ('"$user", public',)
        assert b.execute("SHOW search_path").fetchone() == ("lost_schema",)  # and it leaks to another client


def test_listen_does_not_stay_with_the_session(clients) -> None:
    a, b = clients
    a.execute("LISTEN jobs")
    with server_taken_by(b):
        assert a.execute("SELECT count(*) FROM pg_listening_channels()").fetchone() == (0,)
        assert b.execute("SELECT pg_listening_channels()").fetchone() == ("jobs",)


def test_session_advisory_locks_do_not_stay_with_the_session(clients) -> None:
    a, b = clients
    a.execute("SELECT pg_advisory_lock(42)")
    with server_taken_by(b):
        assert a.execute("SELECT pg_advisory_unlock(42)").fetchone() == (False,)  # "you don't own a lock"


def test_sql_prepare_does_not_stay_with_the_session(clients) -> None:
    a, b = clients
    a.execute("PREPARE answer AS SELECT 42")
    with server_taken_by(b), pytest.raises(psycopg.errors.InvalidSqlStatementName, match='"answer" does not exist'):
        a.execute("EXECUTE answer")


def test_temp_tables_do_not_stay_with_the_session(clients) -> None:
    a, b = clients
    a.execute("CREATE TEMP TABLE scratch (x int)")
    with server_taken_by(b), pytest.raises(psycopg.errors.UndefinedTable):
        a.execute("SELECT * FROM scratch")


def test_psycopg_auto_prepare_breaks_and_prepare_threshold_none_works(neon_edge: NeonEdge, clients) -> None:
    a, b = clients
    query = "SELECT %s::int + 1"
    for number in range(6):  # psycopg prepares the statement at its 6th execution (prepare_threshold=5)
        a.execute(query, [number])
    with server_taken_by(b), pytest.raises(psycopg.errors.InvalidSqlStatementName, match=r'"_pg3_\d+" does not exist'):
        a.execute(query, [6])
    # the same sequence with automatic preparation off
    b.prepare_threshold = None
    for number in range(7):
        b.execute(query, [number])
    with server_taken_by(a):
        assert b.execute(query, [7]).fetchone() == (8,)


def test_startup_options_are_refused_on_the_pooled_route_with_neons_hint(
    neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint
) -> None:
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(neon_edge.dsn(neon_pooled_endpoint.id, pooled=True, options="-c search_path=app"))
    assert "ERROR:  unsupported startup parameter: options" + facts.UNSUPPORTED_STARTUP_PARAMETER_HINT in str(
        caught.value
    )
    with psycopg.connect(neon_edge.dsn(neon_pooled_endpoint.id, options="-c search_path=app")) as direct:
        assert direct.execute("SHOW search_path").fetchone() == ("app",)


def test_suspending_drops_pooled_clients_and_the_next_one_wakes_it(
    neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint
) -> None:
    dsn = neon_edge.dsn(neon_pooled_endpoint.id, pooled=True)
    conn = psycopg.connect(dsn, autocommit=True)
    conn.execute("SELECT 1")
    neon_edge.suspend(neon_pooled_endpoint.id)
    # the proxy closes the client's TLS connection cleanly when the pooler goes: libpq's words for that
    with pytest.raises(psycopg.OperationalError, match="SSL connection has been closed unexpectedly"):
        conn.execute("SELECT 1")
    conn.close()
    with psycopg.connect(dsn) as again:
        assert again.execute("SELECT 1").fetchone() == (1,)
    assert neon_pooled_endpoint.wakes == 1
