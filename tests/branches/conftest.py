"""Fixtures for branch-per-session: the Neon API stand-in, a client of it, and where branches live.

``branch_run`` runs pytest itself with ``--neon-branch`` against ``edge_standin``.
``standin`` runs on its own embedded server, which also presents a certificate for
``*.us-east-2.aws.neon.tech`` so that tests can dial a branch's name on the server directly
(:func:`neon_api_standin.direct_conninfo`). ``edge_standin`` runs on the Neon-shaped edge's
server, and the edge serves its branches' endpoints. Either works as a role that may create
databases and roles but is no superuser, as Neon's default role.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from edge_router import EdgeRouter
from neon_api_standin import REGION, NeonApiStandIn, admin_role
from neon_edge import NeonEdge
from session_run import BranchRun

from pytest_neon_tls.binaries import ServerUnavailable, find_binaries
from pytest_neon_tls.neon_api import NeonApi, RetryPolicy
from pytest_neon_tls.server import EmbeddedServer


def pytest_configure(config: pytest.Config) -> None:
    # A non-root conftest may not set pytest_plugins; register pytester this way instead.
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")


@pytest.fixture(scope="session")
def branch_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    try:
        binaries = find_binaries()
    except ServerUnavailable as error:
        pytest.skip(str(error))
    with EmbeddedServer(binaries, base_dir=tmp_path_factory.mktemp("branches")) as server:
        names = (f"*.{REGION}.aws.neon.tech", "localhost", "127.0.0.1")
        server.install_certificate(server.authority.server_certificate(*names))
        server.restart()
        yield server


@pytest.fixture(scope="session")
def admin_dsn(branch_server: EmbeddedServer) -> str:
    return admin_role(branch_server)


@pytest.fixture(scope="session")
def api_key() -> str:
    """The stand-in's API key, in the shape of Neon's keys."""
    return "napi_" + secrets.token_hex(24)


@pytest.fixture(scope="session")
def shared_standin(admin_dsn: str, api_key: str) -> Iterator[NeonApiStandIn]:
    with NeonApiStandIn(admin_dsn, api_key=api_key) as running:
        yield running


@pytest.fixture(scope="session")
def edge_standin(neon_edge: NeonEdge, api_key: str) -> Iterator[NeonApiStandIn]:
    """A stand-in on the edge's server whose endpoints the edge serves (see ``edge_router``)."""
    with NeonApiStandIn(admin_role(neon_edge.server), api_key=api_key, router=EdgeRouter(neon_edge)) as running:
        yield running


@pytest.fixture
def standin(shared_standin: NeonApiStandIn) -> Iterator[NeonApiStandIn]:
    """The stand-in, as just started: only the default branch (its data kept), default settings."""
    shared_standin.reset()
    yield shared_standin
    assert shared_standin.errors == []


@pytest.fixture
def quick_retry() -> RetryPolicy:
    """Short pauses, so that tests of retries and failures take fractions of a second."""
    return RetryPolicy(backoff=(0.05, 0.1, 0.2), max_retry_after=5.0)


@pytest.fixture
def api(standin: NeonApiStandIn, api_key: str, quick_retry: RetryPolicy) -> NeonApi:
    """A client of the stand-in that retries quickly."""
    return NeonApi(api_key, standin.url, timeout=10.0, retry=quick_retry)


@pytest.fixture
def branch_run(
    pytester: pytest.Pytester,
    edge_standin: NeonApiStandIn,
    neon_edge: NeonEdge,
    api_key: str,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[BranchRun]:
    """Inner runs with --neon-branch against the stand-in on the edge (see ``session_run``)."""
    edge_standin.reset()
    for name in ("NEON_DATABASE_URL", "PGSSLROOTCERT", "PGSSLMODE", "NEON_API_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGHOSTADDR", "127.0.0.1")
    monkeypatch.setenv("PGPORT", str(neon_edge.port))
    monkeypatch.setenv("NEON_API_KEY", api_key)
    monkeypatch.setenv("NEON_PROJECT_ID", edge_standin.project_id)
    monkeypatch.setenv("NEON_API_URL", edge_standin.url)
    monkeypatch.setenv("PYTEST_ADDOPTS", "-o asyncio_default_fixture_loop_scope=function")
    yield BranchRun(pytester, edge_standin, neon_edge, api_key)
    assert edge_standin.errors == []
