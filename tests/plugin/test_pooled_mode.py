"""``--neon-embedded=pooled``: the embedded server behind PgBouncer in transaction mode, as Neon's ``-pooler``.

Code that keeps session state across transactions (its own connections from ``neon_dsn``) fails
in that mode and passes in the plain one; ``neon_conn`` works in both (each test is one
transaction). Needs ``pgbouncer`` (``make test`` installs it on Debian).
"""

from __future__ import annotations

import pytest

from pytest_neon_tls.binaries import PoolerUnavailable, find_pgbouncer

SESSION_LOOP = ("-o", "asyncio_default_fixture_loop_scope=session", "-o", "asyncio_default_test_loop_scope=session")

POOLER_UNSAFE = """
import psycopg
import pytest


@pytest.fixture
def own(neon_dsn):
    # what application code does: its own connection, a transaction per statement
    with psycopg.connect(neon_dsn, autocommit=True) as conn:
        yield conn


def test_session_set_across_transactions(own):
    own.execute("SET search_path = app")
    assert own.execute("SHOW search_path").fetchone() == ("app",)


def test_listen_across_transactions(own):
    own.execute("LISTEN jobs")
    assert own.execute("SELECT pg_listening_channels()").fetchall() == [("jobs",)]


def test_session_advisory_lock_across_transactions(own):
    own.execute("SELECT pg_advisory_lock(42)")
    assert own.execute("SELECT pg_advisory_unlock(42)").fetchone() == (True,)


def test_temp_table_across_transactions(own):
    own.execute("CREATE TEMP TABLE scratch (x int)")
    own.execute("INSERT INTO scratch VALUES (1)")


def test_psycopg_prepares_at_the_sixth_execution(own):
    for n in range(8):
        own.execute("SELECT %s::int", [n])
"""

POOLER_SAFE = """
import psycopg
import pytest


def test_state_inside_one_transaction(neon_dsn):
    with psycopg.connect(neon_dsn, prepare_threshold=None) as conn, conn.transaction():
        conn.execute("SET LOCAL search_path = app")
        assert conn.execute("SHOW search_path").fetchone() == ("app",)
        conn.execute("SELECT pg_advisory_xact_lock(42)")
        conn.execute("CREATE TEMP TABLE scratch (x int) ON COMMIT DROP")
        for n in range(8):
            conn.execute("INSERT INTO scratch VALUES (%s)", [n])


@pytest.mark.parametrize("n", range(3))
def test_neon_conn_is_one_transaction(neon_conn, neon_target, n):
    assert neon_target.pooled and neon_conn.prepare_threshold is None
    neon_conn.execute("SET search_path = pg_catalog")
    neon_conn.execute("CREATE TEMP TABLE item (n int)")
    for value in range(8):
        neon_conn.execute("INSERT INTO item VALUES (%s)", [value])
    assert neon_conn.execute("SELECT count(*) FROM item").fetchone() == (8,)
    assert neon_conn.execute("SHOW search_path").fetchone() == ("pg_catalog",)


@pytest.mark.asyncio
async def test_neon_async_conn_too(neon_async_conn):
    assert (await (await neon_async_conn.execute("SELECT 1")).fetchone()) == (1,)


def test_verified_through_the_pooler(neon_conn, neon_dsn):
    params = {option.keyword: option.val for option in neon_conn.pgconn.info}
    assert (params[b"sslmode"], params[b"host"]) == (b"verify-full", b"localhost")
    assert neon_conn.pgconn.ssl_in_use
    assert neon_conn.execute("SHOW application_name").fetchone() == ("pgbouncer",)
"""

UNSAFE_TESTS = 5


@pytest.fixture(autouse=True)
def _pgbouncer() -> None:
    try:
        find_pgbouncer()
    except PoolerUnavailable as error:
        pytest.skip(f"{error} (`make test` installs it on Debian)")


def test_pooler_unsafe_code_fails_in_pooled_mode_and_passes_in_the_plain_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_unsafe=POOLER_UNSAFE)
    plain = pytester.runpytest("-p", "no:randomly", "--neon-embedded")
    plain.assert_outcomes(passed=UNSAFE_TESTS)
    pooled = pytester.runpytest("-p", "no:randomly", "--neon-embedded=pooled")
    pooled.assert_outcomes(failed=UNSAFE_TESTS)
    pooled.stdout.fnmatch_lines(
        [
            "neon-tls: target embedded TLS-only PostgreSQL from *",
            "neon-tls: pooled: through PgBouncer (*pgbouncer) in transaction mode, as Neon's -pooler hosts; session "
            "state is reset after every transaction",
        ]
    )
    output = pooled.stdout.str()
    for lost in (
        "assert ('\"$user\", public',) == ('app',)",
        "assert [] == [('jobs',)]",
        "assert (False,) == (True,)",
        'UndefinedTable: relation "scratch" does not exist',
        'InvalidSqlStatementName: prepared statement "_pg3_0" does not exist',
    ):
        assert lost in output


def test_pooler_safe_code_and_the_fixtures_pass_in_pooled_mode(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_safe=POOLER_SAFE)
    result = pytester.runpytest("-p", "no:randomly", *SESSION_LOOP, "--neon-embedded=pooled")
    result.assert_outcomes(passed=6)


def test_the_ini_chooses_the_mode_and_factories_get_their_own_pool(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nneon_embedded = pooled\n")
    pytester.makeconftest(
        """
        from pytest_neon_tls import factories

        analytics_conn = factories.neon_connection(dbname="analytics", application_name="reports")
        """
    )
    pytester.makepyfile(
        """
        def test_factory(analytics_conn, neon_target):
            assert neon_target.pooled
            assert analytics_conn.execute("SELECT current_database()").fetchone() == ("analytics",)
            assert analytics_conn.prepare_threshold is None

        def test_default(neon_conn):
            assert neon_conn.execute("SELECT current_database()").fetchone() == ("postgres",)
        """
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("args", "ini", "error"),
    [
        (("--neon-embedded=session",), "", "argument --neon-embedded: invalid choice: 'session'"),
        ((), "neon_embedded = sometimes", "ini neon_embedded='sometimes' is no mode: use true"),
    ],
)
def test_an_unknown_mode_stops_pytest(pytester: pytest.Pytester, args: tuple[str, ...], ini: str, error: str) -> None:
    pytester.makeini(f"[pytest]\n{ini}\n")
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"*{error}*"])


def test_without_pgbouncer_pooled_mode_errors_with_the_install_command(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEON_TLS_PGBOUNCER", str(pytester.path / "no-pgbouncer"))
    pytester.makepyfile("def test_db(neon_conn):\n    pass\n")
    result = pytester.runpytest("-p", "no:randomly", "--neon-embedded=pooled")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "neon-tls: pooled, but NEON_TLS_PGBOUNCER is * neon tests will be errors",
            "*--neon-embedded=pooled puts the embedded server behind PgBouncer, but NEON_TLS_PGBOUNCER is *",
        ]
    )


def test_channel_binding_is_explained_at_a_bare_pgbouncer(pytester: pytest.Pytester, tmp_path) -> None:
    """PgBouncer offers no SCRAM-SHA-256-PLUS (Neon's proxy, in front of its PgBouncer, does)."""
    from psycopg.conninfo import conninfo_to_dict

    from pytest_neon_tls.binaries import find_binaries
    from pytest_neon_tls.pooler import PgBouncer, Pool
    from pytest_neon_tls.server import EmbeddedServer

    with EmbeddedServer(find_binaries(), base_dir=tmp_path) as server:
        info = conninfo_to_dict(server.dsn())
        with PgBouncer(server, client_tls=server.authority.server_certificate()) as bouncer:
            pool = Pool("postgres", "postgres", str(info["user"]), str(info["password"]))
            bouncer.add_pool(pool)
            pytester.makepyfile("def test_db(neon_conn):\n    pass\n")
            result = pytester.runpytest("--neon-dsn", bouncer.dsn(pool) + "&channel_binding=require")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*the server does not authenticate with channel binding (SCRAM-SHA-256-PLUS), which the DSN requires*",
            "*Fix: set channel_binding=prefer (or disable) in the DSN for this server*",
        ]
    )
    assert str(info["password"]) not in result.stdout.str()
