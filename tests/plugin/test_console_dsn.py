"""A DSN as Neon's console shows it (``sslmode=require&channel_binding=require``) against a server with Neon's name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pooler import ENDPOINT, REGION

from flake8_neon.conninfo import parse
from pytest_neon_tls.binaries import PostgresBinaries
from pytest_neon_tls.server import EmbeddedServer


@pytest.fixture(scope="module")
def neon_named_server(
    pg_binaries: PostgresBinaries, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedServer]:
    """The embedded server presenting a wildcard certificate for a Neon region (it offers SCRAM-SHA-256-PLUS)."""
    with EmbeddedServer(pg_binaries, base_dir=tmp_path_factory.mktemp("neon-named")) as server:
        server.install_certificate(server.authority.server_certificate(f"*.{REGION}"))
        server.restart()
        yield server


def test_the_console_dsn_is_upgraded_and_binds_the_channel(
    pytester: pytest.Pytester, neon_named_server: EmbeddedServer
) -> None:
    password = parse(neon_named_server.dsn()).params["password"]
    dsn = (
        f"postgresql://neon_tls:{password}@{ENDPOINT}.{REGION}/postgres?sslmode=require&channel_binding=require"
        f"&hostaddr=127.0.0.1&port={neon_named_server.port}"  # pinned to this machine: no DNS, no internet
    )
    pytester.makepyfile(
        """
        def test_verified_and_bound(neon_conn, neon_target):
            params = {option.keyword: option.val for option in neon_conn.pgconn.info}
            assert params[b"sslmode"] == b"verify-full"
            assert params[b"channel_binding"] == b"require"  # libpq fails the login unless SCRAM-SHA-256-PLUS
            assert neon_target.neon and not neon_target.pooled
            assert neon_conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone() == (True,)
        """
    )
    result = pytester.runpytest("--neon-dsn", dsn, "--neon-sslrootcert", str(neon_named_server.ca_file))
    result.assert_outcomes(passed=1, warnings=1)
    result.stdout.fnmatch_lines(["*sslmode verify-full (upgraded from require)", "*NeonTlsWarning*"])
    assert password not in result.stdout.str()
