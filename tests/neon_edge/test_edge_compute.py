"""The compute behind an endpoint: wake-up, injected failures, suspension, cancellation."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest

from neon_edge import facts
from neon_edge.edge import Endpoint, NeonEdge


def _refusal(dsn: str) -> str:
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(dsn)
    return str(caught.value)


def test_a_suspended_compute_starts_while_the_client_waits(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_endpoint.wake_delay = 1.0
    neon_edge.set_state(neon_endpoint.id, "suspended")
    started = time.monotonic()
    with psycopg.connect(neon_edge.dsn(neon_endpoint.id, connect_timeout="10")) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert 1.0 <= time.monotonic() - started < 10
    assert (neon_endpoint.state, neon_endpoint.wakes) == ("active", 1)


def test_clients_arriving_together_share_one_wake_up(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_endpoint.wake_delay = 0.5
    neon_edge.set_state(neon_endpoint.id, "suspended")

    def connect(_: int) -> int:
        with psycopg.connect(neon_edge.dsn(neon_endpoint.id)) as conn:
            return conn.execute("SELECT 1").fetchone()[0]

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(connect, range(4))) == [1, 1, 1, 1]
    assert neon_endpoint.wakes == 1


def test_a_wake_up_longer_than_connect_timeout_times_out(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_endpoint.wake_delay = 4.0
    neon_edge.set_state(neon_endpoint.id, "suspended")
    started = time.monotonic()
    assert "timeout expired" in _refusal(neon_edge.dsn(neon_endpoint.id, connect_timeout="2"))
    assert time.monotonic() - started < 3.5


def test_transient_failures_arrive_with_neons_text_then_pass(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_edge.fail_next(neon_endpoint.id, facts.COMPUTE_UNREACHABLE, times=2)
    dsn = neon_edge.dsn(neon_endpoint.id)
    for _attempt in range(2):
        assert f"ERROR:  {facts.COMPUTE_UNREACHABLE}" in _refusal(dsn)
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize("text", [facts.ENDPOINT_UNAVAILABLE, facts.TOO_MANY_CONNECTIONS])
def test_permanent_failures_stay_until_cleared(neon_edge: NeonEdge, neon_endpoint: Endpoint, text: str) -> None:
    neon_edge.fail_next(neon_endpoint.id, text, times=None)
    dsn = neon_edge.dsn(neon_endpoint.id)
    for _attempt in range(3):
        assert f"ERROR:  {text}" in _refusal(dsn)
    neon_edge.clear_failures(neon_endpoint.id)
    psycopg.connect(dsn).close()


def test_a_disabled_endpoint_refuses_with_neons_text(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_edge.set_state(neon_endpoint.id, "disabled")
    assert f"ERROR:  {facts.ENDPOINT_DISABLED}" in _refusal(neon_edge.dsn(neon_endpoint.id))
    neon_edge.set_state(neon_endpoint.id, "active")
    psycopg.connect(neon_edge.dsn(neon_endpoint.id)).close()


def test_suspending_terminates_live_sessions_and_the_next_client_wakes_it(
    neon_edge: NeonEdge, neon_endpoint: Endpoint
) -> None:
    conn = psycopg.connect(neon_edge.dsn(neon_endpoint.id), autocommit=True)
    other = psycopg.connect(neon_edge.dsn("ep-cool-darkness-a1b2c3d4"), autocommit=True)
    try:
        neon_edge.suspend(neon_endpoint.id)
        assert neon_edge.sessions(neon_endpoint.id) == 0
        with pytest.raises(psycopg.errors.AdminShutdown) as caught:
            conn.execute("SELECT 1")
        assert str(caught.value) == facts.ADMIN_TERMINATION
        assert (caught.value.diag.severity, caught.value.diag.sqlstate) == ("FATAL", facts.ADMIN_TERMINATION_SQLSTATE)
        assert other.execute("SELECT 1").fetchone() == (1,)  # another endpoint's compute is untouched
        assert neon_endpoint.state == "suspended"
        with psycopg.connect(neon_edge.dsn(neon_endpoint.id)) as again:
            assert again.execute("SELECT 1").fetchone() == (1,)
        assert neon_endpoint.wakes == 1
    finally:
        conn.close()
        other.close()


def test_cancel_requests_reach_the_backend(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    with psycopg.connect(neon_edge.dsn(neon_endpoint.id)) as conn:
        timer = threading.Timer(0.3, conn.cancel_safe)
        timer.start()
        started = time.monotonic()
        with pytest.raises(psycopg.errors.QueryCanceled):
            conn.execute("SELECT pg_sleep(10)")
        assert time.monotonic() - started < 5
        timer.join()
