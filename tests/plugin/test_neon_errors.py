"""Neon's answers, as libpq receives them, against the retry schedule and the diagnosis table.

The texts are those of Neon's proxy (``neondatabase/neon``, ``proxy/src/``: ``compute.rs``,
``auth/mod.rs``, ``control_plane/messages.rs``) and one seen from Neon's control plane in the
field (the compute time quota). :mod:`scripted_front` sends them the way the proxy does.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from scripted_front import Forward, Refuse, ScriptedFront, Step

from flake8_neon.conninfo import parse
from pytest_neon_tls.connect import Attempts, connect
from pytest_neon_tls.diagnosis import SYMPTOMS, diagnose, symptom_for
from pytest_neon_tls.errors import NeonConnectError
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.server import EmbeddedServer
from pytest_neon_tls.target import Target, harden

COMPUTE_DOWN = "Couldn't connect to compute node"
NO_SNI = (
    "Endpoint ID is not specified. Either please upgrade the postgres client library (libpq) for SNI support "
    "or pass the endpoint ID (first part of the domain name) as a parameter: '?options=endpoint%3D<endpoint-id>'. "
    "See more at https://neon.tech/sni"
)
PERMANENT = {
    "password authentication failed for user 'neon_tls'": "the server rejected the password of role 'neon_tls'",
    "Control plane request failed: endpoint is disabled": "the Neon endpoint is disabled",
    "Control plane request failed: endpoint is temporarily unavailable. Check your quotas and/or contact our "
    "support.": "a quota of the project or account is used up",
    "Your account or project has exceeded the compute time quota. Upgrade your plan to increase limits.": "quota",
    "Control plane request failed: endpoint cannot be found": "Neon knows no endpoint",
    NO_SNI: "the TLS handshake carried no server name (SNI)",
}
TRANSIENT = (
    COMPUTE_DOWN,
    "Control plane request failed",
    "Failed to acquire permit to connect to the database. Too many database connection attempts are currently ongoing.",
    "Too many connections to this endpoint. Please try again later.",
)


def _target(server: EmbeddedServer, conninfo: str) -> Target:
    root = RootBundle(server.ca_file, "test CA")
    return Target(harden(parse(conninfo), root).conninfo, root, embedded=False)


def _via(front: ScriptedFront, server: EmbeddedServer, timeout: int = 10) -> Target:
    return _target(server, server.dsn()).derive(port=str(front.port), connect_timeout=str(timeout))


def _front(server: EmbeddedServer, tmp_path: Path, *script: Step) -> ScriptedFront:
    return ScriptedFront(list(script), server.port, server.authority.server_certificate(), tmp_path)


def test_transient_failures_are_retried_with_backoff(tls_server: EmbeddedServer, tmp_path: Path) -> None:
    script = (Refuse(COMPUTE_DOWN), Refuse("Control plane request failed"), Forward())
    with _front(tls_server, tmp_path, *script).running() as front:
        started = time.monotonic()
        with connect(_via(front, tls_server)) as conn:
            assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
        elapsed = time.monotonic() - started
    assert [step for step, _sni in front.seen] == list(script)
    assert 0.75 <= elapsed < 5  # pauses of 0.25 s and 0.5 s


def test_a_waking_compute_is_waited_for_within_the_connect_timeout(tls_server: EmbeddedServer, tmp_path) -> None:
    with _front(tls_server, tmp_path, Forward(delay=1.5)).running() as front:
        started = time.monotonic()
        with connect(_via(front, tls_server, timeout=4)) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert 1.5 <= time.monotonic() - started < 4
    assert len(front.seen) == 1


def test_retries_stop_within_the_connect_timeout(tls_server: EmbeddedServer, tmp_path: Path) -> None:
    with _front(tls_server, tmp_path, Refuse(COMPUTE_DOWN)).running() as front:
        started = time.monotonic()
        with pytest.raises(NeonConnectError) as failure:
            connect(_via(front, tls_server, timeout=3))
    elapsed = time.monotonic() - started
    assert elapsed < 3
    assert len(front.seen) >= 3
    message = str(failure.value)
    assert "Neon's proxy could not reach the endpoint's compute" in message
    assert "did not come up within" in message
    assert "Fix: raise connect_timeout" in message


@pytest.mark.parametrize("text", sorted(PERMANENT))
def test_permanent_failures_are_explained_and_not_retried(tls_server: EmbeddedServer, tmp_path, text) -> None:
    with _front(tls_server, tmp_path, Refuse(text), Forward()).running() as front:
        with pytest.raises(NeonConnectError) as failure:
            connect(_via(front, tls_server))
    assert len(front.seen) == 1
    message = str(failure.value)
    assert PERMANENT[text] in message
    assert f'libpq said: connection failed: connection to server at "127.0.0.1", port {front.port} failed: ' in message
    assert tls_server.dsn().split(":")[2].split("@")[0] not in message  # the password


def test_an_address_without_host_name_is_refused_with_the_fix(tls_server: EmbeddedServer, tmp_path: Path) -> None:
    """libpq will not verify-full without a host name: it fails before Neon could say "no SNI"."""
    password = parse(tls_server.dsn()).params["password"]
    with _front(tls_server, tmp_path, Refuse(NO_SNI)).running() as front:
        conninfo = f"hostaddr=127.0.0.1 port={front.port} user=neon_tls password={password} dbname=postgres"
        with pytest.raises(NeonConnectError) as failure:
            connect(_target(tls_server, conninfo))
    assert [step for step, _sni in front.seen] == []  # refused by libpq before the startup message
    message = str(failure.value)
    assert "host name must be specified for a verified SSL connection" in message
    assert "the DSN gives only an address (hostaddr) and no host name" in message
    assert "options=endpoint%3D<endpoint-id>" in message
    assert password not in message


def test_an_ip_address_as_host_sends_no_sni_and_neons_answer_names_the_fix(
    tls_server: EmbeddedServer, tmp_path: Path
) -> None:
    password = parse(tls_server.dsn()).params["password"]
    with _front(tls_server, tmp_path, Refuse(NO_SNI)).running() as front:
        for host in ("127.0.0.1", "localhost"):  # the certificate names both
            conninfo = f"host={host} port={front.port} user=neon_tls password={password} dbname=postgres"
            with pytest.raises(NeonConnectError) as failure:
                connect(_target(tls_server, conninfo))
            if host == "127.0.0.1":
                message = str(failure.value)
    assert [sni for _step, sni in front.seen] == [None, "localhost"]
    assert "libpq sends SNI only for a host name, not for an IP address" in message
    assert "options=endpoint%3D<endpoint-id>" in message
    assert len(front.seen) == 2  # not retried


def test_every_row_of_the_table_can_be_reached() -> None:
    """No row hides behind an earlier one: each of its texts picks that row."""
    for row in SYMPTOMS:
        for text in row.says:
            assert symptom_for(f"connection failed: ERROR:  {text.upper()}") is row, text


@pytest.mark.parametrize("text", TRANSIENT)
def test_neon_transient_texts_are_retried_on_any_host(tls_server: EmbeddedServer, text: str) -> None:
    assert diagnose(_target(tls_server, tls_server.dsn()), f"ERROR:  {text}").retry == "always"


@pytest.mark.parametrize("text", sorted(PERMANENT))
def test_neon_permanent_texts_are_final(tls_server: EmbeddedServer, text: str) -> None:
    assert diagnose(_target(tls_server, tls_server.dsn()), f"ERROR:  {text}").retry == "never"


def test_a_closed_connection_is_retried_only_for_neon(tls_server: EmbeddedServer) -> None:
    said = "server closed the connection unexpectedly"
    local = _target(tls_server, tls_server.dsn())
    neon = _target(tls_server, "host=ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech user=u")
    assert not diagnose(local, said).worth_retrying(local)
    assert diagnose(neon, said).worth_retrying(neon)


def test_the_schedule_backs_off_and_ends_inside_the_timeout(tls_server: EmbeddedServer) -> None:
    now = [0.0]
    attempts = Attempts(_target(tls_server, tls_server.dsn()).derive(connect_timeout="5"), clock=lambda: now[0])
    pauses = []
    with pytest.raises(NeonConnectError, match="did not come up within"):
        while True:
            assert attempts.timeout() <= 5 - now[0] or attempts.timeout() == 2
            now[0] += 0.05  # the attempt itself
            pause = attempts.failed(f"ERROR:  {COMPUTE_DOWN}")
            pauses.append(pause)
            now[0] += pause
    assert pauses == [0.25, 0.5, 1.0]
