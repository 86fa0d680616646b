"""pytest fixtures for the edge, made with :func:`running_edge`, which tests may call themselves."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from pytest_neon_tls.binaries import PoolerUnavailable, ServerUnavailable, find_binaries, find_pgbouncer
from pytest_neon_tls.pooler import PgBouncer
from pytest_neon_tls.server import EmbeddedServer

from .edge import Endpoint, NeonEdge, new_endpoint_id

DEFAULT_ENDPOINT = "ep-cool-darkness-a1b2c3d4"
DEFAULT_DATABASE = "neondb"


@contextlib.contextmanager
def running_edge(directory: Path, *, pooled: bool = True) -> Iterator[NeonEdge]:
    """An edge in front of a new embedded server, with PgBouncer if ``pooled`` and installed, and
    the endpoint :data:`DEFAULT_ENDPOINT` on the server's database ``neondb`` (the server's role)."""
    with EmbeddedServer(find_binaries(), base_dir=directory) as server:
        with psycopg.connect(server.dsn(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DEFAULT_DATABASE}")
        with contextlib.ExitStack() as stack:
            pooler = None
            if pooled:
                with contextlib.suppress(PoolerUnavailable):
                    pooler = stack.enter_context(PgBouncer(server))
            edge = stack.enter_context(NeonEdge(server, directory, pooler=pooler))
            edge.add_endpoint(endpoint_for(edge, DEFAULT_ENDPOINT, pooled=pooler is not None))
            yield edge


def endpoint_for(edge: NeonEdge, endpoint_id: str | None = None, **fields: object) -> Endpoint:
    """An endpoint on the edge server's ``neondb`` as the server's role; ``fields`` override."""
    info = conninfo_to_dict(edge.server.dsn())
    values: dict = {"role": info["user"], "password": info["password"], "database": DEFAULT_DATABASE, **fields}
    return Endpoint(endpoint_id or new_endpoint_id(), **values)


@pytest.fixture(scope="session")
def neon_edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NeonEdge]:
    """The edge (see the package docstring); skips without PostgreSQL server binaries."""
    try:
        find_binaries()
    except ServerUnavailable as error:
        pytest.skip(str(error))
    with running_edge(tmp_path_factory.mktemp("neon-edge")) as edge:
        yield edge


@pytest.fixture
def neon_endpoint(neon_edge: NeonEdge) -> Iterator[Endpoint]:
    """A fresh direct-only endpoint for one test, removed afterwards."""
    endpoint = neon_edge.add_endpoint(endpoint_for(neon_edge, pooled=False))
    yield endpoint
    neon_edge.remove_endpoint(endpoint.id)


@pytest.fixture
def neon_pooled_endpoint(neon_edge: NeonEdge) -> Iterator[Endpoint]:
    """A fresh endpoint with a ``-pooler`` route (PgBouncer, transaction mode), removed afterwards."""
    if neon_edge.pooler is None:
        try:
            find_pgbouncer()
        except PoolerUnavailable as error:
            pytest.skip(str(error))
    endpoint = neon_edge.add_endpoint(endpoint_for(neon_edge, pooled=True))
    yield endpoint
    neon_edge.remove_endpoint(endpoint.id)
