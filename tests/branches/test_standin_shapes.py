"""The stand-in against the recorded shapes of Neon's answers, read raw over HTTP (not through the client)."""

from __future__ import annotations

import copy
import datetime
import http.client
import json
import re
import time
import urllib.parse
from typing import Any

import pytest
from neon_api_shapes import BRANCH_ID, ENDPOINT_HOST, ENDPOINT_ID, violations
from neon_api_standin import RUNNING_OPERATIONS, NeonApiStandIn

# Objects as Neon sent them (a project created on 2025-01-16, recorded in the test cassettes of
# Neon's Python client; the user who created the branch left out). The shapes must accept them.
RECORDED_ENDPOINT = {
    "host": "ep-misty-sea-a5833nbi.us-east-2.aws.neon.tech",
    "id": "ep-misty-sea-a5833nbi",
    "project_id": "old-violet-32930710",
    "branch_id": "br-noisy-breeze-a5e59rrb",
    "autoscaling_limit_min_cu": 0.25,
    "autoscaling_limit_max_cu": 0.25,
    "region_id": "aws-us-east-2",
    "type": "read_write",
    "current_state": "init",
    "pending_state": "active",
    "settings": {},
    "pooler_enabled": False,
    "pooler_mode": "transaction",
    "disabled": False,
    "passwordless_access": True,
    "creation_source": "console",
    "created_at": "2025-01-16T21:02:01Z",
    "updated_at": "2025-01-16T21:02:01Z",
    "proxy_host": "us-east-2.aws.neon.tech",
    "suspend_timeout_seconds": 0,
    "provisioner": "k8s-neonvm",
}
RECORDED_OPERATION = {
    "id": "901af6fb-8692-43f4-82b6-6c701cba8ae9",
    "project_id": "old-violet-32930710",
    "branch_id": "br-noisy-breeze-a5e59rrb",
    "endpoint_id": "ep-misty-sea-a5833nbi",
    "action": "start_compute",
    "status": "scheduling",
    "failures_count": 0,
    "created_at": "2025-01-16T21:02:02Z",
    "updated_at": "2025-01-16T21:02:02Z",
    "total_duration_ms": 0,
}
RECORDED_BRANCH = {
    "id": "br-noisy-breeze-a5e59rrb",
    "project_id": "old-violet-32930710",
    "name": "main",
    "current_state": "init",
    "pending_state": "ready",
    "state_changed_at": "2025-01-16T21:02:01Z",
    "creation_source": "console",
    "primary": True,
    "default": True,
    "protected": False,
    "cpu_used_sec": 0,
    "compute_time_seconds": 0,
    "active_time_seconds": 0,
    "written_data_bytes": 0,
    "data_transfer_bytes": 0,
    "created_at": "2025-01-16T21:02:01Z",
    "updated_at": "2025-01-16T21:02:01Z",
}
URI = re.compile(
    r"postgresql://neondb_owner:[A-Za-z0-9]{12}@(?P<host>[^/]+)/neondb\?sslmode=require&channel_binding=require"
)


def _call(
    standin: NeonApiStandIn,
    method: str,
    path: str,
    *,
    key: str,
    body: Any = None,
    query: dict[str, str] | None = None,
) -> tuple[int, Any, http.client.HTTPMessage]:
    url = urllib.parse.urlsplit(standin.url)
    conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=10)
    target = f"{url.path}/projects/{standin.project_id}{path}"
    if query:
        target += "?" + urllib.parse.urlencode(query)
    headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
    payload = None if body is None else json.dumps(body).encode()
    if payload is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, target, body=payload, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read()), response.headers
    finally:
        conn.close()


def _expiry(seconds: float) -> str:
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize(
    ("value", "shape"),
    [(RECORDED_ENDPOINT, "Endpoint"), (RECORDED_OPERATION, "Operation"), (RECORDED_BRANCH, "Branch")],
)
def test_the_shapes_accept_what_neon_sent(value: dict[str, Any], shape: str) -> None:
    assert violations(value, shape) == []


def test_the_shapes_catch_drift() -> None:
    endpoint = copy.deepcopy(RECORDED_ENDPOINT)
    del endpoint["host"]
    endpoint["current_state"] = "starting"
    endpoint["hostname"] = "x"
    endpoint["autoscaling_limit_min_cu"] = "0.25"
    assert violations(endpoint, "Endpoint") == [
        "$: missing required 'host' (Endpoint)",
        "$: 'hostname' is not a field of Endpoint",
        "$.autoscaling_limit_min_cu: '0.25' is not a number",
        "$.current_state: 'starting' is not one of init, active, idle",
    ]
    created = {"branch": RECORDED_BRANCH, "endpoints": [RECORDED_ENDPOINT], "operations": [{"id": "1"}]}
    assert violations(created, "CreatedBranch") == [
        "$: missing required 'databases' (CreatedBranch)",
        "$: missing required 'roles' (CreatedBranch)",
        "$.operations[0]: missing required 'action' (Operation)",
        "$.operations[0]: missing required 'created_at' (Operation)",
        "$.operations[0]: missing required 'failures_count' (Operation)",
        "$.operations[0]: missing required 'project_id' (Operation)",
        "$.operations[0]: missing required 'status' (Operation)",
        "$.operations[0]: missing required 'total_duration_ms' (Operation)",
        "$.operations[0]: missing required 'updated_at' (Operation)",
        "$.operations[0].id: '1' is not a uuid",
    ]


def test_every_answer_has_neons_shape(standin: NeonApiStandIn, api_key: str) -> None:
    status, created, headers = _call(
        standin,
        "POST",
        "/branches",
        key=api_key,
        body={"branch": {"name": "shaped", "expires_at": _expiry(3600)}, "endpoints": [{"type": "read_write"}]},
    )
    assert status == 201 and violations(created, "CreatedBranch") == []
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Neon-Ret-Request-Id"])
    branch, (endpoint,) = created["branch"], created["endpoints"]
    assert BRANCH_ID.fullmatch(branch["id"]) and ENDPOINT_ID.fullmatch(endpoint["id"])
    assert ENDPOINT_HOST.fullmatch(endpoint["host"]) and endpoint["host"].startswith(endpoint["id"] + ".us-east-2.")
    assert (branch["current_state"], branch["pending_state"]) == ("init", "ready")
    assert (endpoint["current_state"], endpoint["pending_state"]) == ("init", "active")
    assert [(op["action"], op["status"]) for op in created["operations"]] == [
        ("create_timeline", "running"),
        ("start_compute", "running"),
    ]
    assert branch["ttl_interval_seconds"] in (3599, 3600)
    (details,) = created["connection_uris"]
    match = URI.fullmatch(details["connection_uri"])
    assert match and match["host"] == endpoint["host"] == details["connection_parameters"]["host"]
    assert details["connection_parameters"]["pooler_host"] == endpoint["host"].replace(
        endpoint["id"], endpoint["id"] + "-pooler"
    )

    status, answer, _ = _call(standin, "GET", f"/endpoints/{endpoint['id']}", key=api_key)
    assert status == 200 and violations(answer, "EndpointResponse") == []
    status, answer, _ = _call(standin, "GET", f"/operations/{created['operations'][1]['id']}", key=api_key)
    assert status == 200 and violations(answer, "OperationResponse") == []

    time.sleep(standin.settings.startup_seconds + 0.05)
    _, answer, _ = _call(standin, "GET", f"/endpoints/{endpoint['id']}", key=api_key)
    assert answer["endpoint"]["current_state"] == "active" and "pending_state" not in answer["endpoint"]
    assert violations(answer, "EndpointResponse") == []
    _, answer, _ = _call(standin, "GET", f"/operations/{created['operations'][1]['id']}", key=api_key)
    assert answer["operation"]["status"] == "finished"

    status, answer, _ = _call(standin, "GET", "/branches", key=api_key)
    assert status == 200 and violations(answer, "BranchesList") == []
    assert [item["name"] for item in answer["branches"]] == ["main", "shaped"]
    status, answer, _ = _call(standin, "GET", f"/branches/{branch['id']}", key=api_key)
    assert status == 200 and violations(answer, "BranchResponse") == []
    assert answer["branch"]["current_state"] == "ready"

    query = {"branch_id": branch["id"], "database_name": "neondb", "role_name": "neondb_owner"}
    status, answer, _ = _call(standin, "GET", "/connection_uri", key=api_key, query=query)
    assert status == 200 and violations(answer, "ConnectionURIResponse") == []
    assert answer["uri"] == details["connection_uri"]
    status, answer, _ = _call(standin, "GET", "/connection_uri", key=api_key, query={**query, "pooled": "true"})
    assert URI.fullmatch(answer["uri"])["host"] == details["connection_parameters"]["pooler_host"]

    status, answer, _ = _call(standin, "DELETE", f"/branches/{branch['id']}", key=api_key)
    assert status == 200 and violations(answer, "BranchOperations") == []


def _error(standin: NeonApiStandIn, method: str, path: str, key: str, **kwargs: Any) -> tuple[int, str, str]:
    status, answer, headers = _call(standin, method, path, key=key, **kwargs)
    assert violations(answer, "GeneralError") == []
    assert answer["request_id"] == headers["X-Neon-Ret-Request-Id"]
    return status, answer["code"], answer["message"]


def test_errors_have_neons_shape(standin: NeonApiStandIn, api_key: str) -> None:
    create = {"branch": {"expires_at": _expiry(600)}, "endpoints": [{"type": "read_write"}]}
    assert _error(standin, "GET", "/branches", "napi_wrong")[0] == 401
    assert _error(standin, "GET", "/branches/br-none-such-a1b2c3d4", api_key)[:2] == (404, "")
    assert _error(standin, "GET", "/endpoints/ep-none-such-a1b2c3d4", api_key)[0] == 404
    assert _error(standin, "GET", "/connection_uri", api_key)[0] == 400

    assert _call(standin, "POST", "/branches", key=api_key, body=create)[0] == 201
    assert _error(standin, "POST", "/branches", api_key, body=create) == (423, "", RUNNING_OPERATIONS)

    standin.fail_next(429, retry_after="3")
    status, answer, headers = _call(standin, "GET", "/branches", key=api_key)
    assert (status, headers["Retry-After"]) == (429, "3") and violations(answer, "GeneralError") == []

    standin.settings.branch_limit = 1
    time.sleep(standin.settings.startup_seconds + 0.05)
    status, code, _ = _error(standin, "POST", "/branches", api_key, body=create)
    assert (status, code) == (422, "BRANCHES_LIMIT_EXCEEDED")


@pytest.mark.parametrize(
    ("expires_at", "message"),
    [
        ("2030-01-01T00:00:00", "is not an RFC 3339 timestamp with a time zone"),
        ("2030-01-01 00:00:00Z", "is not an RFC 3339 timestamp with a time zone"),
        ("2020-01-01T00:00:00Z", "expires_at must be in the future"),
        ("2099-01-01T00:00:00+02:00", "expires_at must be at most 30 days in the future"),
    ],
)
def test_expirations_are_checked_as_neon_documents(
    standin: NeonApiStandIn, api_key: str, expires_at: str, message: str
) -> None:
    status, _, said = _error(standin, "POST", "/branches", api_key, body={"branch": {"expires_at": expires_at}})
    assert status == 400 and message in said


def test_expirations_with_an_offset_are_accepted(standin: NeonApiStandIn, api_key: str) -> None:
    later = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=9))) + datetime.timedelta(hours=2)
    status, created, _ = _call(
        standin, "POST", "/branches", key=api_key, body={"branch": {"expires_at": later.isoformat(timespec="seconds")}}
    )
    assert status == 201
    assert created["branch"]["expires_at"] == later.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert created["endpoints"] == [] and "connection_uris" not in created  # no endpoint asked for
