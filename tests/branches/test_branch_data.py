"""A branch of the stand-in is real data: a copy of its parent, independent of it, gone once deleted.

Connections go verify-full with channel binding to the branch's ``ep-...neon.tech`` name, straight
to the embedded server (``hostaddr``/``port``/``dbname`` added in the test only; the Neon-shaped
edge will route the URI as it is).
"""

from __future__ import annotations

import datetime
import json
import time
import urllib.request
from typing import Any

import psycopg
import pytest
from neon_api_shapes import violations
from neon_api_standin import EndpointRoute, NeonApiStandIn, direct_conninfo

from flake8_neon.conninfo import parse
from pytest_neon_tls.neon_api import NeonApi, NeonApiError, ReadyBranch, RetryPolicy
from pytest_neon_tls.server import EmbeddedServer


def _in(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)


def _connect(ready: ReadyBranch, standin: NeonApiStandIn, server: EmbeddedServer) -> psycopg.Connection[Any]:
    conn = psycopg.connect(direct_conninfo(ready.connection_uri, standin.route(ready.branch.id), server))
    params = {option.keyword: option.val for option in conn.pgconn.info}
    assert conn.pgconn.ssl_in_use and params[b"sslmode"] == b"verify-full"
    assert params[b"channel_binding"] == b"require" and params[b"host"] == ready.endpoint.host.encode()
    return conn


def _parent(standin: NeonApiStandIn, server: EmbeddedServer) -> psycopg.Connection[Any]:
    route = standin.route(standin.default_branch_id)
    uri = f"postgresql://{route.role}:{route.password}@{route.host}/{route.database}?sslmode=require"
    return psycopg.connect(direct_conninfo(uri, route, server), autocommit=True)


def _parent_with_one_item(standin: NeonApiStandIn, server: EmbeddedServer) -> None:
    with _parent(standin, server) as parent:
        parent.execute("DROP TABLE IF EXISTS item")
        parent.execute("CREATE TABLE item (name text PRIMARY KEY)")
        parent.execute("INSERT INTO item VALUES ('from the parent')")


def _items(conn: psycopg.Connection[Any]) -> list[str]:
    return [name for (name,) in conn.execute("SELECT name FROM item ORDER BY name").fetchall()]


def test_a_branch_is_a_copy_of_its_parent_and_independent_of_it(
    api: NeonApi, standin: NeonApiStandIn, branch_server: EmbeddedServer
) -> None:
    _parent_with_one_item(standin, branch_server)
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    assert parse(ready.connection_uri).params["sslmode"] == "require"  # as Neon gives it; hardened to connect

    with _connect(ready, standin, branch_server) as branch, _parent(standin, branch_server) as parent:
        assert _items(branch) == ["from the parent"]
        with branch.transaction():
            branch.execute("INSERT INTO item VALUES ('only in the branch')")
        parent.execute("INSERT INTO item VALUES ('only in the parent')")
        assert _items(branch) == ["from the parent", "only in the branch"]
        assert _items(parent) == ["from the parent", "only in the parent"]
        (owner,) = branch.execute("SELECT current_user").fetchone() or ("",)
        assert owner == ready.role == "neondb_owner"


def test_deleting_a_branch_removes_its_database_and_ends_its_sessions(
    api: NeonApi, standin: NeonApiStandIn, branch_server: EmbeddedServer
) -> None:
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    route = standin.route(ready.branch.id)
    assert route.backend_database in standin.backend_databases()
    conn = _connect(ready, standin, branch_server)

    api.delete_branch(standin.project_id, ready.branch.id, wait=5)

    assert route.backend_database not in standin.backend_databases()
    with pytest.raises(psycopg.OperationalError):
        conn.execute("SELECT 1")
    conn.close()
    with pytest.raises(psycopg.OperationalError, match=f'database "{route.backend_database}" does not exist'):
        psycopg.connect(direct_conninfo(ready.connection_uri, route, branch_server))


def test_an_expired_branch_is_deleted_by_neon(api: NeonApi, standin: NeonApiStandIn) -> None:
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(4))
    database = standin.route(ready.branch.id).backend_database
    expires = datetime.datetime.fromisoformat(str(ready.branch.expires_at).replace("Z", "+00:00"))
    time.sleep(max(0.0, (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds()) + 0.3)
    assert [branch.name for branch in api.list_branches(standin.project_id)] == ["main"]
    assert database not in standin.backend_databases()


def test_branching_from_a_parent_in_use_names_the_stand_ins_limit(
    api: NeonApi, standin: NeonApiStandIn, branch_server: EmbeddedServer
) -> None:
    with _parent(standin, branch_server):
        with pytest.raises(NeonApiError, match="still has open sessions") as raised:
            api.create_branch(standin.project_id, expires_at=_in(600))
    assert raised.value.status == 423


def test_a_restore_from_the_parent_makes_the_branch_a_new_copy_of_it(
    api: NeonApi, standin: NeonApiStandIn, branch_server: EmbeddedServer, api_key: str
) -> None:
    """What pytest-neon calls a reset: ``POST .../restore`` with the parent as ``source_branch_id``."""
    _parent_with_one_item(standin, branch_server)
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    conn = _connect(ready, standin, branch_server)
    with conn.transaction():
        conn.execute("INSERT INTO item VALUES ('written on the branch')")

    request = urllib.request.Request(
        f"{standin.url}/projects/{standin.project_id}/branches/{ready.branch.id}/restore",
        data=json.dumps({"source_branch_id": standin.default_branch_id}).encode(),
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as response:
        answer = json.load(response)
    assert violations(answer, "BranchOperations") == []
    assert answer["branch"]["id"] == ready.branch.id

    with pytest.raises(psycopg.OperationalError):  # the endpoint restarted: sessions ended
        conn.execute("SELECT 1")
    conn.close()
    with _connect(ready, standin, branch_server) as fresh:
        assert _items(fresh) == ["from the parent"]
    api.delete_branch(standin.project_id, ready.branch.id)


class RecordingRouter:
    """Stands where the Neon-shaped edge will: keeps the route table the stand-in maintains."""

    def __init__(self) -> None:
        self.routes: dict[str, EndpointRoute] = {}
        self.removed: list[str] = []

    def add_route(self, route: EndpointRoute) -> None:
        self.routes[route.endpoint_id] = route

    def remove_route(self, route: EndpointRoute) -> None:
        del self.routes[route.endpoint_id]
        self.removed.append(route.endpoint_id)


def test_the_router_learns_every_endpoint_and_its_backend(
    admin_dsn: str, api_key: str, quick_retry: RetryPolicy, branch_server: EmbeddedServer
) -> None:
    router = RecordingRouter()
    with NeonApiStandIn(admin_dsn, api_key=api_key, router=router) as standin:
        api = NeonApi(api_key, standin.url, retry=quick_retry)
        (main_route,) = router.routes.values()
        assert main_route == standin.route(standin.default_branch_id)
        ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))

        route = router.routes[ready.endpoint.id]
        assert (route.host, route.database, route.role) == (ready.endpoint.host, ready.database, ready.role)
        assert route.password == parse(ready.connection_uri).params["password"]
        assert "password" not in repr(route) and route.password not in repr(route)
        with _connect(ready, standin, branch_server) as conn:
            assert conn.execute("SELECT current_database()").fetchone() == (route.backend_database,)

        api.delete_branch(standin.project_id, ready.branch.id)
        assert router.removed == [ready.endpoint.id] and list(router.routes) == [main_route.endpoint_id]
    assert router.routes == {}
