"""Shared fixtures for the pytest_neon_tls tests: pytester, and a real TLS server for the matrix."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import psycopg  # noqa: F401 - see below
import pytest
import trustme  # noqa: F401 - see below
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: F401

from pytest_neon_tls.binaries import ServerUnavailable, find_binaries
from pytest_neon_tls.certificates import TestAuthority
from pytest_neon_tls.server import EmbeddedServer

# In-process pytester runs drop modules first imported by the inner run; re-importing
# cryptography's Python layer then mismatches its Rust core ("curve must be an EllipticCurve
# instance"). Importing these here keeps them loaded across inner runs.


def pytest_configure(config: pytest.Config) -> None:
    # A non-root conftest may not set pytest_plugins; register pytester this way instead.
    if not config.pluginmanager.has_plugin("pytester"):
        config.pluginmanager.import_plugin("pytester")


@pytest.fixture(scope="session")
def pg_binaries():
    try:
        return find_binaries()
    except ServerUnavailable as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def tls_server(pg_binaries, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    """A real TLS-only PostgreSQL on 127.0.0.1, private to one test module."""
    with EmbeddedServer(pg_binaries, base_dir=tmp_path_factory.mktemp("server")) as server:
        yield server


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEON_DATABASE_URL", "PGSSLROOTCERT", "PGSSLMODE", "NEON_TLS_PG_BINDIR"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """Inner runs set pytest-asyncio's loop scope as this project does (pytester clears PYTEST_ADDOPTS)."""
    monkeypatch.setenv("PYTEST_ADDOPTS", "-o asyncio_default_fixture_loop_scope=function")
    return pytester


@pytest.fixture
def ca_file(tmp_path: Path) -> Path:
    return TestAuthority().write_ca(tmp_path / "neon-ca.pem")


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts TCP connections and never answers (a blackholed address)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(64)
        yield sock.getsockname()[1]
