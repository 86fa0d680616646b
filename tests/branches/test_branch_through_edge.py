"""A branch made through the API stand-in, reached as a client reaches Neon: the URI the API gives,
hardened by the plugin, through the Neon-shaped edge (SNI, verify-full, SCRAM with channel binding).

Only ``PGHOSTADDR`` and ``PGPORT`` lead libpq to the edge on 127.0.0.1; the URI stays as Neon's API
gives it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from neon_api_standin import NeonApiStandIn
from neon_edge import NeonEdge

from flake8_neon.conninfo import parse
from pytest_neon_tls.connect import connect
from pytest_neon_tls.errors import NeonConnectError
from pytest_neon_tls.target import Target, harden
from pytest_neon_tls.neon_api import NeonApi, RetryPolicy
from pytest_neon_tls.roots import RootBundle


@pytest.fixture
def api(edge_standin: NeonApiStandIn, api_key: str, quick_retry: RetryPolicy) -> Iterator[NeonApi]:
    edge_standin.reset()
    yield NeonApi(api_key, edge_standin.url, retry=quick_retry)
    assert edge_standin.errors == []


@pytest.fixture
def to_edge(neon_edge: NeonEdge, monkeypatch: pytest.MonkeyPatch) -> RootBundle:
    """libpq's environment leads to the edge; the root bundle is the edge's (a user's CA bundle)."""
    monkeypatch.setenv("PGHOSTADDR", "127.0.0.1")
    monkeypatch.setenv("PGPORT", str(neon_edge.port))
    return RootBundle(neon_edge.root_cert, "the Neon edge stand-in's root")


def _target(uri: str, root: RootBundle) -> Target:
    return Target(harden(parse(uri), root).conninfo, root, embedded=False)


def _proven(conn: psycopg.Connection[Any], host: str) -> None:
    params = {option.keyword: option.val for option in conn.pgconn.info}
    assert params[b"sslmode"] == b"verify-full" and params[b"channel_binding"] == b"require"
    assert params[b"host"] == host.encode() and params[b"hostaddr"] == b"127.0.0.1"


def _in(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)


def test_a_branch_is_reached_through_the_edge_with_the_uri_neon_gives(
    api: NeonApi, edge_standin: NeonApiStandIn, neon_edge: NeonEdge, to_edge: RootBundle
) -> None:
    project = edge_standin.project_id
    parent_uri = api.connection_uri(
        project,
        branch_id=edge_standin.default_branch_id,
        endpoint_id=edge_standin.route(edge_standin.default_branch_id).endpoint_id,
        database_name="neondb",
        role_name="neondb_owner",
    )
    with connect(_target(parent_uri, to_edge), autocommit=True) as parent:
        parent.execute("DROP TABLE IF EXISTS item")
        parent.execute("CREATE TABLE item (name text)")
        parent.execute("INSERT INTO item VALUES ('from the parent')")

    ready = api.create_ready_branch(project, expires_at=_in(600))
    target = _target(ready.connection_uri, to_edge)
    assert target.conninfo.hosts == (ready.endpoint.host,)  # the URI's host, untouched
    with connect(target) as conn:
        _proven(conn, ready.endpoint.host)
        assert conn.execute("SELECT name FROM item").fetchall() == [("from the parent",)]
        assert conn.execute("SELECT current_database()").fetchone() == (
            edge_standin.route(ready.branch.id).backend_database,
        )
        assert neon_edge.sessions(ready.endpoint.id) == 1

    api.delete_branch(project, ready.branch.id)
    with pytest.raises(NeonConnectError):
        connect(target)


def test_a_session_on_a_branch_ends_when_it_is_deleted(
    api: NeonApi, edge_standin: NeonApiStandIn, neon_edge: NeonEdge, to_edge: RootBundle
) -> None:
    ready = api.create_ready_branch(edge_standin.project_id, expires_at=_in(600))
    conn = connect(_target(ready.connection_uri, to_edge))
    api.delete_branch(edge_standin.project_id, ready.branch.id)
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()
    with pytest.raises(KeyError):
        neon_edge.endpoint(ready.endpoint.id)


def test_the_pooled_uri_goes_through_pgbouncer(
    api: NeonApi, edge_standin: NeonApiStandIn, neon_edge: NeonEdge, to_edge: RootBundle
) -> None:
    if neon_edge.pooler is None:
        pytest.skip("the edge runs without PgBouncer (Debian/Ubuntu: apt-get install pgbouncer)")
    ready = api.create_ready_branch(edge_standin.project_id, expires_at=_in(600))
    pooler_uri = api.connection_uri(
        edge_standin.project_id,
        branch_id=ready.branch.id,
        endpoint_id=ready.endpoint.id,
        database_name=ready.database,
        role_name=ready.role,
        pooled=True,
    )
    assert parse(pooler_uri).hosts == (ready.endpoint.host.replace(".", "-pooler.", 1),)
    with connect(_target(pooler_uri, to_edge), prepare_threshold=None) as conn:
        _proven(conn, ready.endpoint.host.replace(".", "-pooler.", 1))
        assert conn.execute("SELECT 1").fetchone() == (1,)
