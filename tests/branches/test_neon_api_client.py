"""The Neon API client against the stand-in: every path a session takes, and every failure, explained."""

from __future__ import annotations

import datetime
import email.utils
import re
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from neon_api_shapes import ENDPOINT_HOST
from neon_api_standin import NeonApiStandIn

from pytest_neon_tls.neon_api import (
    ApiKey,
    BranchNotReady,
    NeonApi,
    NeonApiError,
    NeonApiSettingError,
    RetryPolicy,
)

UTC = datetime.timezone.utc


def _in(seconds: float) -> datetime.datetime:
    return datetime.datetime.now(UTC) + datetime.timedelta(seconds=seconds)


def _requests(standin: NeonApiStandIn, method: str, path_part: str = "") -> list[float]:
    return [r.at for r in standin.requests if r.method == method and path_part in r.path]


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- success ------------------------------------------------------------------------------------


def test_a_ready_branch_comes_with_the_uri_neon_gave(api: NeonApi, standin: NeonApiStandIn) -> None:
    expires = _in(3600)
    ready = api.create_ready_branch(standin.project_id, name="session-1", expires_at=expires)

    assert ready.branch.parent_id == standin.default_branch_id
    assert ready.branch.name == "session-1"
    assert ready.branch.expires_at == expires.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ready.endpoint.ready and ready.endpoint.current_state == "active"
    assert ready.endpoint.type == "read_write"
    assert (ready.database, ready.role) == ("neondb", "neondb_owner")
    match = re.fullmatch(
        r"postgresql://neondb_owner:(\w{12})@(\S+)/neondb\?sslmode=require&channel_binding=require",
        ready.connection_uri,
    )
    assert match and ENDPOINT_HOST.fullmatch(match[2]) and match[2] == ready.endpoint.host
    assert ready.seconds >= standin.settings.startup_seconds
    # The create answer's operations were awaited, then the endpoint, all with the key.
    assert _requests(standin, "GET", "/operations/") and _requests(standin, "GET", "/endpoints/")
    assert all(request.authorized for request in standin.requests)


def test_the_connection_uri_endpoint_gives_the_same_uri(api: NeonApi, standin: NeonApiStandIn) -> None:
    created = api.create_branch(standin.project_id, expires_at=_in(600))
    endpoint = created.read_write_endpoint
    assert endpoint is not None
    uri = api.connection_uri(
        standin.project_id,
        branch_id=created.branch.id,
        endpoint_id=endpoint.id,
        database_name="neondb",
        role_name="neondb_owner",
    )
    assert uri == created.connection_uris[0].uri
    assert "****" in repr(uri) and "****" not in uri


def test_without_connection_uris_in_the_answer_the_uri_is_asked_for(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.connection_uris_in_answer = False  # as Neon does for a branch with several databases or roles
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    (asked,) = [r for r in standin.requests if r.path.endswith("/connection_uri")]
    assert asked.query == {
        "branch_id": ready.branch.id,
        "endpoint_id": ready.endpoint.id,
        "database_name": "neondb",
        "role_name": "neondb_owner",
    }
    assert ready.connection_uri.endswith("/neondb?sslmode=require&channel_binding=require")


def test_default_branch_named_branches_and_pagination(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.page_size = 1
    first = api.create_ready_branch(standin.project_id, name="one", expires_at=_in(600))
    second = api.create_ready_branch(standin.project_id, name="two", expires_at=_in(600))

    assert {branch.name for branch in api.list_branches(standin.project_id)} == {"main", "one", "two"}
    assert api.default_branch(standin.project_id).id == standin.default_branch_id
    assert api.find_branch(standin.project_id, "two").id == second.branch.id
    assert api.find_branch(standin.project_id, first.branch.id).name == "one"
    with pytest.raises(NeonApiError, match=r"no branch named 'three' \(its branches: main, one, two\)"):
        api.find_branch(standin.project_id, "three")


def test_slow_start_up_within_the_wait(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.startup_seconds = 1.5
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600), timeout=20)
    assert ready.endpoint.current_state == "active"
    assert ready.seconds >= 1.5
    assert len(_requests(standin, "GET", "/operations/")) >= 4  # polled while the operations ran


def test_a_branch_busy_with_operations_is_awaited_before_the_next_change(api: NeonApi, standin: NeonApiStandIn) -> None:
    api.create_branch(standin.project_id, expires_at=_in(600))  # its operations run for a while
    api.create_branch(standin.project_id, expires_at=_in(600))  # 423 at first, retried
    posts = _requests(standin, "POST", "/branches")
    assert len(posts) >= 2 and len(api.list_branches(standin.project_id)) == 3


def test_delete_removes_the_branch(api: NeonApi, standin: NeonApiStandIn) -> None:
    ready = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    operations = api.delete_branch(standin.project_id, ready.branch.id, wait=10)
    assert {operation.action for operation in operations} == {"suspend_compute", "delete_timeline"}
    with pytest.raises(NeonApiError, match="404") as raised:
        api.get_branch(standin.project_id, ready.branch.id)
    assert raised.value.status == 404


# -- failures -----------------------------------------------------------------------------------


def test_not_ready_in_time_deletes_the_new_branch(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.startup_seconds = 60
    started = time.monotonic()
    with pytest.raises(BranchNotReady) as raised:
        api.create_ready_branch(standin.project_id, expires_at=_in(600), timeout=1.0)
    assert time.monotonic() - started < 5
    message = str(raised.value)
    assert "still running when the wait ended: create_timeline (running), start_compute (running)" in message
    assert re.search(r"The new branch br-\S+ was deleted again", message)
    assert [branch.name for branch in api.list_branches(standin.project_id)] == ["main"]


def test_an_endpoint_that_stays_init_is_named(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.startup_seconds = 60
    created = api.create_branch(standin.project_id, expires_at=_in(600))
    endpoint = created.read_write_endpoint
    assert endpoint is not None
    with pytest.raises(BranchNotReady, match=rf"endpoint {endpoint.id} .* still 'init' \(pending: active\)"):
        api.wait_for_endpoint(standin.project_id, endpoint.id, deadline=time.monotonic() + 0.5)


def test_a_bad_key_is_explained(standin: NeonApiStandIn, quick_retry: RetryPolicy) -> None:
    wrong = "napi_" + "0" * 48
    api = NeonApi(wrong, standin.url, retry=quick_retry)
    with pytest.raises(NeonApiError) as raised:
        api.list_branches(standin.project_id)
    assert raised.value.status == 401
    message = str(raised.value)
    assert "Neon rejected the API key (401 Unauthorized)" in message
    assert "Fix: set NEON_API_KEY to a valid key" in message
    assert re.search(r"request id [0-9a-f]{32}", message)
    assert wrong not in message
    assert len(standin.requests) == 1  # never retried


def test_unknown_project_and_parent_are_explained(api: NeonApi, standin: NeonApiStandIn) -> None:
    with pytest.raises(
        NeonApiError, match=r"list the branches of project 'no-such-project': Neon does not know it"
    ) as raised:
        api.list_branches("no-such-project")
    assert raised.value.status == 404
    assert "check NEON_PROJECT_ID" in str(raised.value)
    with pytest.raises(NeonApiError, match=r"404: branch br-none-such-a1b2c3d4 not found"):
        api.create_branch(standin.project_id, parent_id="br-none-such-a1b2c3d4", expires_at=_in(600))


def test_429_waits_as_long_as_retry_after_says(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(429, retry_after="1")
    api.list_branches(standin.project_id)
    first, second = _requests(standin, "GET")[:2]
    assert 1.0 <= second - first < 3.0


def test_429_with_an_http_date_in_retry_after(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(429, retry_after=email.utils.formatdate(time.time() + 2, usegmt=True))
    api.list_branches(standin.project_id)
    first, second = _requests(standin, "GET")[:2]
    assert 0.9 <= second - first < 3.5  # the date has whole seconds


def test_running_operations_that_do_not_end_are_explained(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(423, message="project already has running operations", times=10)
    with pytest.raises(NeonApiError, match=r"running operations \(423 Locked\).*Still 423 after 3 retries"):
        api.create_branch(standin.project_id, expires_at=_in(600))


def test_a_bad_gateway_is_retried_for_reads_only(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(502, method="GET")
    assert api.list_branches(standin.project_id)
    standin.fail_next(502, method="POST")
    with pytest.raises(NeonApiError, match="Neon's API failed. Neon said: 502") as raised:
        api.create_branch(standin.project_id, expires_at=_in(600))
    assert raised.value.status == 502 and len(_requests(standin, "POST")) == 1


def test_429_with_a_retry_after_beyond_the_bound_fails_at_once(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(429, retry_after="120")
    with pytest.raises(NeonApiError, match=r"Neon asked to wait 120 s \(Retry-After\), more than the 5 s") as raised:
        api.list_branches(standin.project_id)
    assert raised.value.status == 429
    assert "700 requests per minute" in str(raised.value)
    assert len(standin.requests) == 1


def test_persistent_429_ends_after_the_bounded_retries(
    api: NeonApi, standin: NeonApiStandIn, quick_retry: RetryPolicy
) -> None:
    standin.fail_next(429, times=10)
    with pytest.raises(NeonApiError, match=r"Still 429 after 3 retries\. Fix: run fewer sessions"):
        api.list_branches(standin.project_id)
    assert len(standin.requests) == 1 + len(quick_retry.backoff)


def test_branch_limit_is_explained(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.branch_limit = 1
    with pytest.raises(NeonApiError) as raised:
        api.create_ready_branch(standin.project_id, expires_at=_in(600))
    assert (raised.value.status, raised.value.code) == (422, "BRANCHES_LIMIT_EXCEEDED")
    assert "the project has as many branches as its plan allows" in str(raised.value)
    assert "delete branches you no longer need" in str(raised.value)


def test_endpoint_limit_is_explained(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.settings.endpoint_limit = 1
    with pytest.raises(NeonApiError, match="as many compute endpoints as its plan allows") as raised:
        api.create_branch(standin.project_id, expires_at=_in(600))
    assert raised.value.code == "ENDPOINTS_LIMIT_EXCEEDED"


@pytest.mark.parametrize(
    ("expires", "neon_says"),
    [
        (_in(31 * 86400), "expires_at must be at most 30 days in the future"),
        (_in(-60), "expires_at must be in the future"),
    ],
)
def test_expirations_neon_refuses(api: NeonApi, standin: NeonApiStandIn, expires, neon_says) -> None:
    with pytest.raises(NeonApiError, match=rf"400: {neon_says}.*Fix: check the values Neon names"):
        api.create_branch(standin.project_id, expires_at=expires)


def test_an_expiration_needs_a_time_zone(api: NeonApi, standin: NeonApiStandIn) -> None:
    with pytest.raises(ValueError, match="expires_at needs a time zone"):
        api.create_branch(standin.project_id, expires_at=datetime.datetime.now())
    assert standin.requests == []


def test_an_expiring_branch_cannot_be_a_parent(api: NeonApi, standin: NeonApiStandIn) -> None:
    parent = api.create_ready_branch(standin.project_id, expires_at=_in(600))
    with pytest.raises(NeonApiError, match="cannot create a child branch .* it has an expiration time"):
        api.create_branch(standin.project_id, parent_id=parent.branch.id, expires_at=_in(600))


def test_unreachable_api_is_retried_for_reads_then_explained(
    api_key: str, closed_port: int, quick_retry: RetryPolicy
) -> None:
    api = NeonApi(api_key, f"http://127.0.0.1:{closed_port}/api/v2", retry=quick_retry)
    with pytest.raises(
        NeonApiError, match=r"no answer from http://127\.0\.0\.1:\d+/api/v2 \(ConnectionRefusedError"
    ) as raised:
        api.list_branches("quiet-forest-12345678")
    assert "no answer after 3 retries. Fix: check the network, HTTPS_PROXY, and NEON_API_URL" in str(raised.value)
    assert raised.value.status is None


def test_a_lost_answer_to_a_read_is_retried(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(0)  # the connection closes without an answer
    assert [branch.name for branch in api.list_branches(standin.project_id)] == ["main"]
    assert len(_requests(standin, "GET")) >= 2


def test_a_lost_answer_to_a_create_is_not_repeated(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(0, method="POST")
    with pytest.raises(NeonApiError, match="the POST may or may not have been carried out; it is not repeated"):
        api.create_branch(standin.project_id, expires_at=_in(600))
    assert len(_requests(standin, "POST")) == 1


def test_503_is_retried_for_any_method(api: NeonApi, standin: NeonApiStandIn) -> None:
    standin.fail_next(503, method="POST", times=2)
    created = api.create_branch(standin.project_id, expires_at=_in(600))
    assert created.branch.parent_id == standin.default_branch_id
    assert len(_requests(standin, "POST")) == 3


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A TCP listener on 127.0.0.1 that records whatever arrives."""
    received: list[bytes] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                received.append(conn.recv(65536))

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def test_redirects_are_not_followed(api: NeonApi, standin: NeonApiStandIn, listener) -> None:
    port, received = listener
    standin.fail_next(307, location=f"http://127.0.0.1:{port}/api/v2/projects/{standin.project_id}/branches")
    with pytest.raises(NeonApiError, match=r"307: a redirect to http://127\.0\.0\.1:\d+/.*follows no redirect"):
        api.list_branches(standin.project_id)
    time.sleep(0.3)
    assert received == []


# -- where the key may go, and where it never shows --------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://console.neon.tech/api/v2",
        "http://192.0.2.10:8080/api/v2",
        "http://10.0.0.1/api/v2",
        "http://localhost.example.com/api/v2",
    ],
)
def test_plain_http_to_a_remote_host_is_refused(api_key: str, url: str) -> None:
    with pytest.raises(NeonApiSettingError, match="refusing to send the Neon API key over plain http"):
        NeonApi(api_key, url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/api/v2/",
        "http://localhost:1/api/v2",
        "http://[::1]:9/api/v2",
        "https://api.example.com/v2",
    ],
)
def test_https_and_loopback_http_are_accepted(api_key: str, url: str) -> None:
    assert NeonApi(api_key, url).base_url == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://user:hunter2-secret@console.neon.tech/api/v2", "may not hold credentials"),
        ("https://console.neon.tech/api/v2?key=hunter2-secret", "may not hold credentials, a query"),
        ("ftp://hunter2-secret@example.com/", "not an http(s) URL"),
        ("https://console.neon.tech:hunter2-secret/api/v2", "not a valid URL"),
        ("console.neon.tech/api/v2", "not an http(s) URL"),
    ],
)
def test_unusable_api_addresses_are_refused_without_echoing_them(api_key: str, url: str, problem: str) -> None:
    with pytest.raises(NeonApiSettingError, match=re.escape(problem)) as raised:
        NeonApi(api_key, url)
    assert "hunter2" not in str(raised.value)


@pytest.mark.parametrize("key", ["", "   ", "napi_abc def", "Bearer napi_abc"])
def test_unusable_keys_are_refused_without_echoing_them(key: str) -> None:
    with pytest.raises(NeonApiSettingError, match="NEON_API_KEY") as raised:
        NeonApi(key)
    assert "napi_abc" not in str(raised.value)


def test_the_key_never_shows_in_reprs(api_key: str, api: NeonApi) -> None:
    assert api_key not in repr(api) + str(api) + repr(api._http)  # noqa: SLF001
    assert repr(ApiKey(api_key)) == str(ApiKey(api_key)) == "ApiKey('****')"
    with pytest.raises(TypeError, match="not pickled"):
        ApiKey(api_key).__reduce__()


def test_a_key_echoed_by_the_server_is_masked(api: NeonApi, standin: NeonApiStandIn, api_key: str) -> None:
    standin.fail_next(400, message=f"bad header: Bearer {api_key}")
    with pytest.raises(NeonApiError) as raised:
        api.list_branches(standin.project_id)
    assert api_key not in str(raised.value) and "Bearer ****" in str(raised.value)


def test_the_key_never_shows_in_pytest_output(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    standin: NeonApiStandIn,
    api_key: str,
    closed_port: int,
) -> None:
    """Failures with the key in play, reported with -vv --showlocals, a log file and junit XML."""
    pytester.makepyfile(
        test_inner=f"""
        import os
        import time
        import pytest
        from pytest_neon_tls.neon_api import NeonApi, RetryPolicy

        URL = {standin.url!r}
        PROJECT = {standin.project_id!r}
        QUICK = RetryPolicy(backoff=(0.01,))

        def test_rejected():
            NeonApi(os.environ["NEON_API_KEY"], URL, retry=QUICK).list_branches(PROJECT)

        def test_unreachable():
            NeonApi(os.environ["NEON_API_KEY"], "http://127.0.0.1:{closed_port}", retry=QUICK).list_branches(PROJECT)

        def test_refused_address():
            NeonApi(os.environ["NEON_API_KEY"], "http://192.0.2.1/api/v2")

        def test_malformed_key():
            NeonApi(os.environ["NEON_API_KEY"] + " trailing words", URL)

        def test_not_ready():
            api = NeonApi(os.environ["NEON_API_KEY"], URL, retry=QUICK)
            api.create_ready_branch(PROJECT, timeout=0.3)
        """
    )
    standin.fail_next(401, method="GET")
    standin.settings.startup_seconds = 60
    monkeypatch.setenv("NEON_API_KEY", api_key)
    junit = pytester.path / "junit.xml"
    log = pytester.path / "run.log"
    result = pytester.runpytest_subprocess(
        "-vv", "--showlocals", "--tb=long", f"--junitxml={junit}", f"--log-file={log}", "--log-level=DEBUG"
    )
    result.assert_outcomes(failed=5)
    output = result.stdout.str() + result.stderr.str() + junit.read_text() + log.read_text()
    for expected in ("401 Unauthorized", "ConnectionRefusedError", "over plain http", "spaces or control", "still"):
        assert expected in output
    assert api_key not in output
