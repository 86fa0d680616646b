"""The diagnosis table and the retry schedule, read directly (the edge tests prove them end to end).

The texts are those of Neon's proxy (``tests/neon_edge/facts.py``) and one seen from Neon's
control plane in the field (the compute time quota).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_neon.conninfo import parse
from neon_edge import facts
from pytest_neon_tls.connect import Attempts
from pytest_neon_tls.diagnosis import SYMPTOMS, diagnose, symptom_for
from pytest_neon_tls.errors import NeonConnectError
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.target import Target, harden

LOCAL = "host=db.internal user=neon_tls dbname=app"
NEON = "host=ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech user=neon_tls dbname=neondb"
PERMANENT = (
    facts.PASSWORD_FAILED.format(user="neon_tls"),
    facts.ENDPOINT_DISABLED,
    facts.ENDPOINT_UNAVAILABLE,
    "Your account or project has exceeded the compute time quota. Upgrade your plan to increase limits.",
    facts.ENDPOINT_NOT_FOUND,
    facts.MISSING_ENDPOINT,
)
TRANSIENT = (
    facts.COMPUTE_UNREACHABLE,
    "Control plane request failed",
    "Failed to acquire permit to connect to the database. Too many database connection attempts are currently ongoing.",
    facts.TOO_MANY_CONNECTIONS,
)


def _target(conninfo: str) -> Target:
    root = RootBundle(Path("/nonexistent/root.crt"), "test CA")
    return Target(harden(parse(conninfo), root).conninfo, root, embedded=False)


def test_every_row_of_the_table_can_be_reached() -> None:
    """No row hides behind an earlier one: each of its texts picks that row."""
    for row in SYMPTOMS:
        for text in row.says:
            assert symptom_for(f"connection failed: ERROR:  {text.upper()}") is row, text


@pytest.mark.parametrize("text", TRANSIENT)
@pytest.mark.parametrize("conninfo", [LOCAL, NEON])
def test_neon_transient_texts_are_retried_on_any_host(conninfo: str, text: str) -> None:
    assert diagnose(_target(conninfo), f"ERROR:  {text}").retry == "always"


@pytest.mark.parametrize("text", PERMANENT)
def test_neon_permanent_texts_are_final(text: str) -> None:
    target = _target(NEON)
    assert not diagnose(target, f"ERROR:  {text}").worth_retrying(target)


def test_a_closed_connection_is_retried_only_for_neon() -> None:
    said = "server closed the connection unexpectedly"
    local, neon = _target(LOCAL), _target(NEON)
    assert not diagnose(local, said).worth_retrying(local)
    assert diagnose(neon, said).worth_retrying(neon)


def test_channel_binding_is_explained_in_neons_terms_only_for_neon() -> None:
    said = "channel binding required but not supported by server's authentication request"
    assert "cleartext password" in diagnose(_target(NEON), said).cause
    assert "options=endpoint%3Dep-cool-darkness-a1b2c3d4" in diagnose(_target(NEON), said).fix
    local = diagnose(_target(LOCAL + " channel_binding=require"), said)
    assert "does not authenticate with channel binding" in local.cause
    assert "channel_binding=prefer" in local.fix


def test_the_schedule_backs_off_and_ends_inside_the_timeout() -> None:
    now = [0.0]
    attempts = Attempts(_target(NEON + " connect_timeout=5"), clock=lambda: now[0])
    pauses = []
    with pytest.raises(NeonConnectError, match="did not come up within"):
        while True:
            assert attempts.timeout() <= 5 - now[0] or attempts.timeout() == 2
            now[0] += 0.05  # the attempt itself
            pause = attempts.failed(f"ERROR:  {facts.COMPUTE_UNREACHABLE}")
            pauses.append(pause)
            now[0] += pause
    assert pauses == [0.25, 0.5, 1.0]
