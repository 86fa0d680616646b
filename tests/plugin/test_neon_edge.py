"""The plugin against the Neon-shaped edge (``tests/neon_edge``), end to end through pytest.

Every test runs an inner pytest session whose ``--neon-dsn`` is a DSN as Neon's console shows it
(``?sslmode=require&channel_binding=require``), pinned to the edge with ``hostaddr=127.0.0.1``
and its port, and whose ``--neon-sslrootcert`` is the edge's root. The inner tests get the edge
and their endpoint as the fixtures ``edge`` and ``endpoint``, so they can suspend the compute
between tests; the outer test counts connection attempts with ``edge.startups``.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from neon_edge import facts
from neon_edge.edge import Endpoint, NeonEdge

SESSION_LOOP = ("-o", "asyncio_default_fixture_loop_scope=session", "-o", "asyncio_default_test_loop_scope=session")
DURATIONS = ("--durations=0", "--durations-min=0")


class EdgeFixtures:
    """A plugin for the inner run: the outer run's edge and endpoint as the fixtures ``edge`` and ``endpoint``."""

    def __init__(self, edge: NeonEdge, endpoint: Endpoint) -> None:
        self._edge = edge
        self._endpoint = endpoint

    @pytest.fixture
    def edge(self) -> NeonEdge:
        return self._edge

    @pytest.fixture
    def endpoint(self) -> Endpoint:
        return self._endpoint


def run(pytester: pytest.Pytester, edge: NeonEdge, endpoint: Endpoint, dsn: str, *args: str) -> pytest.RunResult:
    options = ("--neon-dsn", dsn, "--neon-sslrootcert", str(edge.root_cert))
    plugins = [EdgeFixtures(edge, endpoint)]
    return pytester.runpytest("-p", "no:randomly", *SESSION_LOOP, *options, *args, plugins=plugins)


def setup_seconds(result: pytest.RunResult) -> list[float]:
    """The setup durations ``--durations=0`` reports, in order of appearance."""
    return [float(seconds) for seconds in re.findall(r"^(\d+\.\d+)s setup\s", result.stdout.str(), re.MULTILINE)]


ONE_TEST = "def test_db(neon_conn):\n    neon_conn.execute('SELECT 1')\n"


@pytest.mark.parametrize("route", ["direct", "pooled"])
def test_console_dsns_are_upgraded_and_bind_the_channel_through_sni(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint, route: str
) -> None:
    pooled = route == "pooled"
    pytester.makepyfile(
        f"""
        def test_verified_and_bound(neon_conn, neon_target, endpoint):
            params = {{option.keyword: option.val for option in neon_conn.pgconn.info}}
            assert params[b"sslmode"] == b"verify-full"
            assert params[b"channel_binding"] == b"require"
            assert params[b"host"].decode() == "{neon_edge.host(neon_pooled_endpoint.id, pooled)}"
            assert neon_conn.pgconn.ssl_in_use
            assert endpoint.mechanism == "SCRAM-SHA-256-PLUS"  # the channel was bound
            assert neon_target.neon and neon_target.pooled is {pooled}
            assert neon_conn.prepare_threshold == {None if pooled else 5}
            database, application = neon_conn.execute(
                "SELECT current_database(), current_setting('application_name')"
            ).fetchone()
            assert database == "neondb"  # reached through the endpoint the SNI named
            assert (application == "pgbouncer") is {pooled}
        """
    )
    dsn = neon_edge.console_dsn(neon_pooled_endpoint.id, pooled=pooled)
    assert "?sslmode=require&channel_binding=require&hostaddr=127.0.0.1" in dsn
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_pooled_endpoint, dsn)
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(
        [
            f"neon-tls: target postgresql://neon_tls:****@{neon_edge.host(neon_pooled_endpoint.id, pooled)}:*"
            " sslmode verify-full (upgraded from require)",
            "*NeonTlsWarning: the DSN asks for sslmode=require*",
        ]
    )
    assert neon_edge.startups == before + 1
    assert neon_pooled_endpoint.password not in result.stdout.str()


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_suspended_endpoint_is_woken_within_connect_timeout(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint, flavour: str
) -> None:
    pytester.makepyfile(
        """
        import pytest

        def test_sync(neon_conn):
            assert neon_conn.execute("SELECT 1").fetchone() == (1,)

        @pytest.mark.asyncio
        async def test_async(neon_async_conn):
            assert await (await neon_async_conn.execute("SELECT 1")).fetchone() == (1,)
        """
    )
    neon_endpoint.wake_delay = 1.5
    neon_edge.suspend(neon_endpoint.id)
    before = neon_edge.startups
    dsn = neon_edge.console_dsn(neon_endpoint.id) + "&connect_timeout=5"
    result = run(pytester, neon_edge, neon_endpoint, dsn, "-k", f"test_{flavour}", *DURATIONS)
    result.assert_outcomes(passed=1, deselected=1, warnings=1)
    (waited,) = setup_seconds(result)
    assert 1.5 <= waited < 5
    assert (neon_endpoint.wakes, neon_edge.startups - before) == (1, 1)  # one attempt waited for it


def test_transient_failures_are_retried_with_backoff_within_the_timeout(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint
) -> None:
    pytester.makepyfile(ONE_TEST)
    neon_edge.fail_next(neon_endpoint.id, facts.COMPUTE_UNREACHABLE, times=2)
    neon_edge.fail_next(neon_endpoint.id, facts.TOO_MANY_CONNECTIONS, times=1)
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_endpoint, neon_edge.console_dsn(neon_endpoint.id), *DURATIONS)
    result.assert_outcomes(passed=1, warnings=1)
    assert neon_edge.startups - before == 4
    (waited,) = setup_seconds(result)
    assert 0.25 + 0.5 + 1.0 <= waited < 10  # the pauses before the second, third and fourth attempt


def test_retries_stop_inside_the_connect_timeout_and_say_why(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint
) -> None:
    pytester.makepyfile(ONE_TEST)
    neon_edge.fail_next(neon_endpoint.id, facts.COMPUTE_UNREACHABLE, times=None)
    before = neon_edge.startups
    # 5 s leave room for at least three attempts (each keeps 2 s for libpq) even on a loaded machine
    dsn = neon_edge.console_dsn(neon_endpoint.id) + "&connect_timeout=5"
    result = run(pytester, neon_edge, neon_endpoint, dsn, *DURATIONS)
    result.assert_outcomes(errors=1, warnings=1)
    (waited,) = setup_seconds(result)
    assert waited < 5
    assert neon_edge.startups - before >= 3
    result.stdout.fnmatch_lines(
        [
            "*Neon's proxy could not reach the endpoint's compute; it was still starting after a suspend, or "
            "restarting, and did not come up within *(connect_timeout=5 s).",
            f"*libpq said: *ERROR:  {facts.COMPUTE_UNREACHABLE}",
            "*Fix: raise connect_timeout in the DSN if the compute needs longer to start*",
        ]
    )


def _wrong_password(edge: NeonEdge, endpoint: Endpoint) -> str:
    return edge.console_dsn(endpoint.id).replace(quote(endpoint.password, safe=""), "not-the-password")


def _disabled(edge: NeonEdge, endpoint: Endpoint) -> str:
    edge.set_state(endpoint.id, "disabled")
    return edge.console_dsn(endpoint.id)


def _failing(text: str):  # type: ignore[no-untyped-def]
    def inject(edge: NeonEdge, endpoint: Endpoint) -> str:
        edge.fail_next(endpoint.id, text, times=None)
        return edge.console_dsn(endpoint.id)

    return inject


def _unknown_endpoint(edge: NeonEdge, endpoint: Endpoint) -> str:
    return edge.console_dsn(endpoint.id).replace(endpoint.id, "ep-no-such-endpoint-00000000")


def _no_sni(edge: NeonEdge, endpoint: Endpoint) -> str:
    return edge.console_dsn(endpoint.id).replace("channel_binding=require", "channel_binding=disable") + "&sslsni=0"


def _no_sni_with_channel_binding(edge: NeonEdge, endpoint: Endpoint) -> str:
    return edge.console_dsn(endpoint.id) + "&sslsni=0"


#: How the DSN or the endpoint is made to fail, what libpq then says, and what the message must explain.
PERMANENT = {
    "wrong-password": (
        _wrong_password,
        "ERROR:  password authentication failed for user 'neon_tls'",
        "the server rejected the password of role 'neon_tls'",
        "Fix: check the user and password (Neon: copy the connection string in the Neon console, or reset",
    ),
    "disabled": (
        _disabled,
        f"ERROR:  {facts.ENDPOINT_DISABLED}",
        "the Neon endpoint is disabled: Neon's control plane allows no connections to it",
        "Fix: enable the endpoint (compute) in the Neon console or through Neon's API",
    ),
    "quota": (
        _failing(facts.ENDPOINT_UNAVAILABLE),
        f"ERROR:  {facts.ENDPOINT_UNAVAILABLE}",
        "Neon will not start this endpoint: a quota of the project or account is used up",
        "Fix: check the project's usage and limits in the Neon console",
    ),
    "compute-time-quota": (
        _failing("Your account or project has exceeded the compute time quota. Upgrade your plan to increase limits."),
        "ERROR:  Your account or project has exceeded the compute time quota.",
        "Neon will not start this endpoint: a quota of the project or account is used up",
        "Fix: check the project's usage and limits in the Neon console",
    ),
    "unknown-endpoint": (
        _unknown_endpoint,
        f"ERROR:  {facts.ENDPOINT_NOT_FOUND}",
        "Neon knows no endpoint ep-no-such-endpoint-00000000",
        "Fix: copy the host name in the Neon console",
    ),
    "no-sni": (
        _no_sni,
        "ERROR:  Endpoint ID is not specified.",
        "Neon's proxy could not tell which endpoint to route to: the TLS handshake carried no server name (SNI)",
        "(in a URI: ?options=endpoint%3D{endpoint})",
    ),
    "no-sni-with-channel-binding": (
        _no_sni_with_channel_binding,
        "channel binding required but not supported by server's authentication request",
        "so it asked for a cleartext password (its fallback for such clients",
        "(in a URI: ?options=endpoint%3D{endpoint})",
    ),
}


@pytest.mark.parametrize("case", list(PERMANENT))
def test_permanent_failures_are_explained_in_neons_terms_and_not_retried(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint, case: str
) -> None:
    make_dsn, said, cause, fix = PERMANENT[case]
    pytester.makepyfile(ONE_TEST)
    dsn = make_dsn(neon_edge, neon_endpoint)
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_endpoint, dsn)
    result.assert_outcomes(errors=1, warnings=1)
    assert neon_edge.startups - before == 1
    output = result.stdout.str()
    assert said in output
    assert cause in output
    assert fix.format(endpoint=neon_endpoint.id) in output
    assert neon_endpoint.password not in output


@pytest.mark.parametrize("form", ["hostaddr-only", "ip-as-host"])
def test_an_address_without_a_host_name_sends_no_sni_and_the_message_names_the_fix(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint, form: str
) -> None:
    """libpq refuses verify-full without a host name, and an IP address as host does not match
    Neon's certificate: both fail before Neon could answer, so the plugin names Neon's fix."""
    password = quote(neon_endpoint.password, safe="")
    if form == "hostaddr-only":
        dsn = f"hostaddr=127.0.0.1 port={neon_edge.port} user=neon_tls password={password} dbname=neondb"
        said = "host name must be specified for a verified SSL connection"
        cause = "the DSN gives only an address (hostaddr) and no host name"
    else:
        dsn = f"postgresql://neon_tls:{password}@127.0.0.1:{neon_edge.port}/neondb?channel_binding=require"
        said = 'server certificate for "*.us-east-2.aws.neon.tech" does not match host name "127.0.0.1"'
        cause = "the server's certificate is Neon's (a wildcard for its region), but the connection names no Neon host"
    pytester.makepyfile(ONE_TEST)
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_endpoint, dsn)
    result.assert_outcomes(errors=1, warnings=1)
    assert neon_edge.startups == before  # refused by libpq before the start-up message
    output = result.stdout.str()
    assert said in output
    assert cause in output
    assert "options=endpoint%3D<endpoint-id>" in output
    assert neon_endpoint.password not in output


REUSED_ACROSS_SUSPENSION = """
    import pytest

    served, async_served = [], []
    TLS = "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"

    def use(conn):
        conn.execute("CREATE TEMP TABLE item (n int)")
        for n in range(8):  # psycopg prepares this at the sixth execution, unless turned off
            conn.execute("INSERT INTO item VALUES (%s)", [n])
        with conn.transaction():
            conn.execute("INSERT INTO item VALUES (99)")
        assert conn.execute("SELECT count(*) FROM item").fetchone() == (9,)
        assert conn.pgconn.ssl_in_use

    @pytest.mark.parametrize("n", range(12))
    def test_sync(neon_conn, neon_target, n):
        assert neon_conn.prepare_threshold == (None if neon_target.pooled else 5)
        use(neon_conn)
        served.append(neon_conn)

    @pytest.mark.parametrize("n", range(4))
    @pytest.mark.asyncio
    async def test_async(neon_async_conn, n):
        for _ in range(8):
            cursor = await neon_async_conn.execute("SELECT %s::int", [n])
        assert await cursor.fetchone() == (n,)
        async_served.append(neon_async_conn)

    def test_one_connection_served_each_kind():
        assert len({id(conn) for conn in served}) == len({id(conn) for conn in async_served}) == 1

    def test_the_compute_suspends_while_idle(edge, endpoint):
        edge.suspend(endpoint.id)
        assert (endpoint.state, edge.sessions(endpoint.id)) == ("suspended", 0)

    def test_sync_gets_a_fresh_verified_connection(neon_conn, endpoint):
        assert neon_conn is not served[0]
        use(neon_conn)
        assert endpoint.mechanism == "SCRAM-SHA-256-PLUS"

    @pytest.mark.asyncio
    async def test_async_gets_a_fresh_verified_connection(neon_async_conn):
        assert neon_async_conn is not async_served[0]
        assert await (await neon_async_conn.execute("SELECT 1")).fetchone() == (1,)
        assert neon_async_conn.pgconn.ssl_in_use

    def test_the_compute_was_woken_once(endpoint):
        assert (endpoint.state, endpoint.wakes) == ("active", 1)
"""


@pytest.mark.parametrize("route", ["direct", "pooled"])
def test_the_connection_is_reused_across_tests_and_replaced_after_a_suspend(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint, route: str
) -> None:
    """Many sync and async tests on one connection each (on the pooled route with psycopg's
    automatic prepare off), then the compute suspends between tests, as Neon suspends an idle
    one: the next tests get fresh verified connections, not errors."""
    pytester.makepyfile(REUSED_ACROSS_SUSPENSION)
    dsn = neon_edge.console_dsn(neon_pooled_endpoint.id, pooled=route == "pooled")
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_pooled_endpoint, dsn)
    result.assert_outcomes(passed=21, warnings=1)
    assert neon_edge.startups - before == 4  # sync and async, before and after the suspend
    assert "Traceback" not in result.stdout.str()


def test_a_compute_slower_than_connect_timeout_is_explained_as_such(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint
) -> None:
    """libpq says only "timeout expired"; the proxy answered, so the wait was for the compute."""
    pytester.makepyfile(ONE_TEST)
    neon_endpoint.wake_delay = 4.0
    neon_edge.suspend(neon_endpoint.id)
    before = neon_edge.startups
    result = run(pytester, neon_edge, neon_endpoint, neon_edge.console_dsn(neon_endpoint.id) + "&connect_timeout=2")
    result.assert_outcomes(errors=1, warnings=1)
    assert neon_edge.startups - before == 1
    result.stdout.fnmatch_lines(
        [
            "*Neon's proxy answered, but the endpoint's compute did not start within 2.* s (connect_timeout=2 s)*",
            "*libpq said: connection timeout expired",
            "*Fix: raise connect_timeout in the DSN (Neon's examples use 10 s)*",
        ]
    )


def test_the_fix_named_for_a_missing_sni_works(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_endpoint: Endpoint
) -> None:
    """Without SNI, ``options=endpoint%3D<id>`` routes the connection, and channel binding stays on."""
    pytester.makepyfile(
        """
        def test_routed_by_the_option(neon_conn, endpoint):
            assert neon_conn.execute("SELECT current_database()").fetchone() == ("neondb",)
            assert endpoint.mechanism == "SCRAM-SHA-256-PLUS"
        """
    )
    dsn = neon_edge.console_dsn(neon_endpoint.id) + f"&sslsni=0&options=endpoint%3D{neon_endpoint.id}"
    run(pytester, neon_edge, neon_endpoint, dsn).assert_outcomes(passed=1, warnings=1)


SUSPENDED_DURING_A_TEST = """
import pytest

def test_first(neon_conn):
    neon_conn.execute("SELECT 1")

def test_suspended_during_the_test(neon_conn, edge, endpoint):
    edge.suspend(endpoint.id)
    neon_conn.execute("SELECT 1")

def test_next(neon_conn):
    assert neon_conn.execute("SELECT 1").fetchone() == (1,)

@pytest.mark.asyncio
async def test_async_first(neon_async_conn):
    await neon_async_conn.execute("SELECT 1")

@pytest.mark.asyncio
async def test_async_suspended_during_the_test(neon_async_conn, edge, endpoint):
    edge.suspend(endpoint.id)
    await neon_async_conn.execute("SELECT 1")

@pytest.mark.asyncio
async def test_async_next(neon_async_conn):
    assert await (await neon_async_conn.execute("SELECT 1")).fetchone() == (1,)
"""


@pytest.mark.parametrize(
    ("route", "lost"),
    [
        ("direct", f"AdminShutdown: {facts.ADMIN_TERMINATION}"),
        ("pooled", "OperationalError: consuming input failed: SSL connection has been closed unexpectedly"),
    ],
)
def test_a_compute_suspended_during_a_test_fails_only_that_test(
    pytester: pytest.Pytester, neon_edge: NeonEdge, neon_pooled_endpoint: Endpoint, route: str, lost: str
) -> None:
    pytester.makepyfile(SUSPENDED_DURING_A_TEST)
    dsn = neon_edge.console_dsn(neon_pooled_endpoint.id, pooled=route == "pooled")
    result = run(pytester, neon_edge, neon_pooled_endpoint, dsn, "-rN")  # the summary repeats reports under CI
    result.assert_outcomes(passed=4, failed=2, warnings=1)  # no error at teardown
    assert result.stdout.str().count(lost) == 2, result.stdout.str()
