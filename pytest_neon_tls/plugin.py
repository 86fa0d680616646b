"""pytest plugin ``neon_tls``: options, hooks and the fixtures.

Fixtures (all carry the ``neon`` marker automatically, so ``-m "not neon"`` deselects them):

* ``neon_target`` (session): the :class:`~pytest_neon_tls.target.Target` tests connect to.
* ``neon_dsn`` (session): the hardened conninfo string, for other drivers.
* ``neon_conn`` (function): a psycopg ``Connection`` in a transaction rolled back at teardown.
* ``neon_async_conn`` (function): the same with ``psycopg.AsyncConnection``.
* ``neon_branch`` (function, with ``--neon-branch``): a Neon branch of the test's own
  (:mod:`pytest_neon_tls.branches`; the run's branch itself is :mod:`pytest_neon_tls.branch_plugin`'s).

``neon_conn`` and ``neon_async_conn`` are made by the public factories of
:mod:`pytest_neon_tls.factories`, which users call for more fixtures of the same kind.
psycopg is imported only when a fixture runs, so the plugin never breaks unrelated tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from . import branch_plugin, factories
from .binaries import PoolerUnavailable, ServerUnavailable, find_binaries, find_pgbouncer
from .config import DSN_ENV, EMBEDDED_MODES, ConfigError, NeonConfig
from .connect import INSTALL_COMMAND
from .errors import NeonTlsError
from .factories import SESSION_KEY, fail, neon_session
from .redaction import redactor
from .session import REQUIRE_HINT, NeonSession, NoDatabase
from .target import RedactedStr, Target

MARKER = "neon"
#: Every neon-tls connection fixture depends on this one, so it identifies them all.
ROOT_FIXTURE = "neon_target"
_WORKER_OUTPUT = "neon_tls_tls"


class NeonTlsWarning(pytest.PytestWarning):
    """neon-tls changed a setting to keep connections at verify-full."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("neon-tls", "PostgreSQL/Neon fixtures proven to use sslmode=verify-full")
    group.addoption(
        "--neon-dsn",
        metavar="DSN",
        help=f"URI or key/value conninfo to test against (else ${DSN_ENV}, else ini neon_dsn; "
        "without any, an embedded TLS PostgreSQL is started)",
    )
    group.addoption(
        "--neon-sslrootcert",
        metavar="PATH|system",
        help="trusted root certificates; 'system' finds the OS bundle. Default: the DSN's "
        "sslrootcert, $PGSSLROOTCERT, then automatic discovery",
    )
    group.addoption(
        "--neon-embedded",
        nargs="?",
        const="direct",
        choices=EMBEDDED_MODES,
        default=None,
        help="use the embedded TLS PostgreSQL even when a DSN is configured; --neon-embedded=pooled puts it "
        "behind PgBouncer in transaction mode, as Neon's -pooler hosts (write the mode with '=')",
    )
    group.addoption(
        "--neon-require",
        action="store_true",
        default=None,
        help="error (instead of skipping) when no database is available",
    )
    group.addoption(
        "--neon-pg-bindir",
        metavar="DIR",
        help="directory with initdb and postgres for the embedded server (else $NEON_TLS_PG_BINDIR, "
        "PATH, pg_config --bindir, /usr/lib/postgresql/*/bin)",
    )
    parser.addini("neon_dsn", "conninfo to test against (prefer the environment for passwords)")
    parser.addini("neon_sslrootcert", "trusted root certificates: PATH or 'system'")
    parser.addini("neon_embedded", "use the embedded server even with a DSN: true, pooled (behind PgBouncer) or false")
    parser.addini("neon_require", "error instead of skip without a database", type="bool", default=False)
    parser.addini("neon_pg_bindir", "directory with initdb and postgres")
    branch_plugin.add_options(parser, group)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{MARKER}: the test uses a neon-tls database fixture (added automatically)")
    names: tuple[str, ...] = ("neon_dsn", "neon_sslrootcert", "neon_embedded", "neon_require", "neon_pg_bindir")
    names += branch_plugin.OPTION_NAMES
    try:
        settings = NeonConfig.from_values(
            option={name: config.getoption(name) for name in names},
            ini={name: config.getini(name) for name in names},
        )
    except ConfigError as error:
        raise pytest.UsageError(f"neon-tls: {error}") from None
    config.stash[SESSION_KEY] = NeonSession(settings)
    redactor(config).follow(config.stash[SESSION_KEY].secrets)  # masks them in every output
    branch_plugin.configure(config, config.stash[SESSION_KEY])
    hardened = settings.hardened
    if hardened is not None and hardened.upgrade_reason and not hasattr(config, "workerinput"):
        config.issue_config_time_warning(NeonTlsWarning(hardened.upgrade_reason), stacklevel=2)


def pytest_unconfigure(config: pytest.Config) -> None:
    session = config.stash.get(SESSION_KEY, None)
    if session is not None:
        session.close()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a neon-tls fixture, before ``-m`` deselects anything."""
    for item in items:
        if ROOT_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(MARKER)


def pytest_report_header(config: pytest.Config) -> list[str]:
    """Where tests would connect; cheap: no connection, no psycopg import (see the README)."""
    session = config.stash.get(SESSION_KEY, None)
    if session is None:
        return []
    settings = session.config
    if settings.branch.enabled:
        return []  # the branch's own lines (branch_plugin.BranchHooks)
    if not settings.uses_embedded:
        target = settings.dsn_target()
        upgraded = settings.hardened.upgraded_from if settings.hardened else None
        mode = f"verify-full (upgraded from {upgraded})" if upgraded else "verify-full"
        return [
            f"neon-tls: target {target.describe()} ({settings.dsn_source}), sslmode {mode}",
            f"neon-tls: root bundle {target.root.describe()}",
        ]
    try:
        binaries = find_binaries(settings.pg_bindir)
    except ServerUnavailable:
        return [
            "neon-tls: no DSN and no PostgreSQL binaries: neon tests will be "
            + ("errors" if settings.require else "skipped")
        ]
    lines = [
        f"neon-tls: target embedded TLS-only PostgreSQL from {binaries.bindir} "
        "(started on first use; root bundle: its throwaway CA)"
    ]
    if settings.pooled:
        try:
            lines.append(
                f"neon-tls: pooled: through PgBouncer ({find_pgbouncer()}) in transaction mode, as Neon's -pooler "
                "hosts; session state is reset after every transaction"
            )
        except PoolerUnavailable as error:
            lines.append(f"neon-tls: pooled, but {error} neon tests will be errors")
    return lines


def pytest_report_collectionfinish(config: pytest.Config, items: list[pytest.Item]) -> list[str]:
    """The libpq version, once we know neon tests were selected (psycopg is needed then anyway)."""
    if not any(item.get_closest_marker(MARKER) for item in items):
        return []
    try:
        import psycopg
    except ImportError:
        return [f"neon-tls: psycopg is not installed; neon tests will error. Fix: {INSTALL_COMMAND}"]
    version = psycopg.pq.version()
    libpq = f"{version // 10000}.{version % 10000}"
    return [f"neon-tls: libpq {libpq} (psycopg {psycopg.__version__}, {psycopg.pq.__impl__})"]


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash.get(SESSION_KEY, None)
    workeroutput = getattr(session.config, "workeroutput", None)
    if state is not None and state.tls is not None and workeroutput is not None:
        workeroutput[_WORKER_OUTPUT] = state.tls.describe()


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: pytest without xdist must still start
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist controller: collect each worker's TLS session description."""
    description = getattr(node, "workeroutput", {}).get(_WORKER_OUTPUT)
    if description:
        node.config.stash.setdefault(_TLS_SEEN, set()).add(description)


_TLS_SEEN = pytest.StashKey[set[str]]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """After the run: the TLS protocol and cipher actually negotiated (from pg_stat_ssl)."""
    recorded: set[str] = config.stash.get(_TLS_SEEN, set())
    seen = set(recorded)
    state = config.stash.get(SESSION_KEY, None)
    if state is not None and state.tls is not None:
        seen.add(state.tls.describe())
    if seen:
        terminalreporter.write_sep("-", "neon-tls")
    for description in sorted(seen):
        terminalreporter.write_line(f"neon-tls: connections were verify-full over {description}")


# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def neon_target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """The target every connection fixture uses: the DSN, or the embedded server (started here)."""
    session = neon_session(request)
    try:
        target = session.target(tmp_path_factory.mktemp("neon-tls"))
    except NoDatabase as error:
        if session.config.require:
            fail(str(error))
        raise pytest.skip.Exception(f"{error} {REQUIRE_HINT}") from None
    except NeonTlsError as error:
        fail(str(error))
    except Exception as error:  # embedded server failed to start: an error, never a skip
        fail(f"neon-tls: {error}")
    yield target
    session.close()


@pytest.fixture(scope="session")
def neon_dsn(neon_target: Target) -> RedactedStr:
    """The hardened conninfo (verify-full, sslrootcert, timeouts) for other drivers.

    A ``str`` whose ``repr`` masks the password, so it stays out of tracebacks.
    """
    return neon_target.dsn


neon_conn = factories.neon_connection()
neon_async_conn = factories.neon_async_connection()
neon_branch = factories.neon_branch()
