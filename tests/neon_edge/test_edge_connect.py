"""Connecting through the edge as Neon's edge lets a client connect, and refusing as it refuses."""

from __future__ import annotations

import shutil
import subprocess

import psycopg
import pytest

from neon_edge import facts
from neon_edge.edge import Endpoint, NeonEdge
from neon_edge.fixtures import endpoint_for
from pytest_neon_tls.binaries import find_binaries


def _refusal(dsn: str) -> str:
    with pytest.raises(psycopg.OperationalError) as caught:
        psycopg.connect(dsn)
    return str(caught.value)


def test_verify_full_through_sni_with_channel_binding(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    with psycopg.connect(neon_edge.dsn(neon_endpoint.id, channel_binding="require")) as conn:
        assert conn.pgconn.ssl_in_use
        assert conn.execute("SELECT current_database(), current_user").fetchone() == ("neondb", neon_endpoint.role)


def test_the_console_dsn_connects_once_upgraded_to_verify_full(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    dsn = neon_edge.console_dsn(neon_endpoint.id)
    assert "sslmode=require&channel_binding=require" in dsn
    assert f"@{neon_endpoint.id}.us-east-2.aws.neon.tech:{neon_edge.port}/neondb?" in dsn
    with psycopg.connect(dsn, sslmode="verify-full", sslrootcert=str(neon_edge.root_cert)) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_the_wildcard_covers_one_label_of_its_region_only(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    other_region = f"{neon_endpoint.id}.eu-central-1.aws.neon.tech"
    assert "does not match host name" in _refusal(neon_edge.dsn(neon_endpoint.id, host=other_region))
    nested = f"x.{neon_endpoint.id}.us-east-2.aws.neon.tech"
    assert "does not match host name" in _refusal(neon_edge.dsn(neon_endpoint.id, host=nested))


def test_only_the_root_is_trusted_the_intermediate_comes_from_the_server(neon_edge: NeonEdge, tmp_path) -> None:
    from pytest_neon_tls.certificates import TestAuthority

    stranger = TestAuthority().write_ca(tmp_path / "other-root.crt")
    message = _refusal(neon_edge.dsn("ep-cool-darkness-a1b2c3d4", sslrootcert=str(stranger)))
    assert "certificate verify failed" in message


def test_sni_routes_each_endpoint_to_its_own_database(neon_edge: NeonEdge) -> None:
    with psycopg.connect(neon_edge.server.dsn(), autocommit=True) as admin:
        admin.execute("CREATE DATABASE branch_routing")
    branch = neon_edge.add_endpoint(endpoint_for(neon_edge, database="branch_routing", pooled=False))
    try:
        with psycopg.connect(neon_edge.dsn(branch.id)) as conn:
            # clients ask for neondb, as on Neon; the endpoint maps it to its own database
            assert conn.execute("SELECT current_database()").fetchone() == ("branch_routing",)
    finally:
        neon_edge.remove_endpoint(branch.id)


@pytest.mark.parametrize(
    "no_sni",
    [{"sslsni": "0"}, {"host": "", "hostaddr": "127.0.0.1"}, {"host": "localhost"}],
    ids=["sslsni=0", "hostaddr-only", "name-outside-the-region"],
)
def test_without_an_endpoint_name_neon_explains_sni(neon_edge: NeonEdge, neon_endpoint: Endpoint, no_sni) -> None:
    params = {"sslmode": "require", **no_sni}
    message = _refusal(neon_edge.dsn(neon_endpoint.id, **params))
    assert f"ERROR:  {facts.MISSING_ENDPOINT}" in message


def test_without_sni_channel_binding_require_stops_in_libpq_first(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    """Neon asks for a cleartext password when it cannot tell the endpoint; libpq refuses that
    under channel_binding=require before Neon can explain, so the client sees libpq's text."""
    message = _refusal(neon_edge.dsn(neon_endpoint.id, sslsni="0", channel_binding="require"))
    assert "channel binding required but not supported by server's authentication request" in message


@pytest.mark.parametrize("channel_binding", ["require", "disable"])
def test_options_endpoint_is_the_fallback_without_sni(
    neon_edge: NeonEdge, neon_endpoint: Endpoint, channel_binding: str
) -> None:
    dsn = neon_edge.dsn(
        neon_endpoint.id, sslsni="0", channel_binding=channel_binding, options=f"endpoint={neon_endpoint.id}"
    )
    with psycopg.connect(dsn) as conn:
        # the endpoint option is Neon's, not the compute's: it is not passed on
        assert conn.execute("SELECT current_setting('search_path')").fetchone() == ('"$user", public',)


def test_the_password_hack_is_the_last_fallback(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    dsn = neon_edge.dsn(neon_endpoint.id, sslsni="0", password=f"endpoint={neon_endpoint.id};{neon_endpoint.password}")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert neon_endpoint.mechanism == "password"


@pytest.mark.parametrize(
    ("channel_binding", "mechanism"), [("require", "SCRAM-SHA-256-PLUS"), ("disable", "SCRAM-SHA-256")]
)
def test_the_edge_records_attempts_and_how_clients_logged_in(
    neon_edge: NeonEdge, neon_endpoint: Endpoint, channel_binding: str, mechanism: str
) -> None:
    before = neon_edge.startups
    psycopg.connect(neon_edge.dsn(neon_endpoint.id, channel_binding=channel_binding)).close()
    assert (neon_endpoint.mechanism, neon_edge.startups - before) == (mechanism, 1)
    _refusal(neon_edge.dsn(neon_endpoint.id, sslmode="disable"))  # a plaintext start-up counts too
    assert neon_edge.startups - before == 2


def test_sni_and_option_must_agree(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    message = _refusal(neon_edge.dsn(neon_endpoint.id, options="endpoint=ep-other-1"))
    assert f"Inconsistent project name inferred from SNI ('{neon_endpoint.id}') and project option" in message


def test_plaintext_is_refused_with_neons_text(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    assert f"ERROR:  {facts.INSECURE}" in _refusal(neon_edge.dsn(neon_endpoint.id, sslmode="disable"))


@pytest.mark.parametrize("who", ["wrong-password", "unknown-role"])
def test_wrong_credentials_get_neons_text(neon_edge: NeonEdge, neon_endpoint: Endpoint, who: str) -> None:
    params = {"password": "not-the-password"} if who == "wrong-password" else {"user": "nobody_here"}
    user = params.get("user", neon_endpoint.role)
    message = _refusal(neon_edge.dsn(neon_endpoint.id, **params))
    assert f"ERROR:  {facts.PASSWORD_FAILED.format(user=user)}" in message
    assert neon_endpoint.password not in message


def test_an_unknown_endpoint_is_not_found(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    host = "ep-no-such-endpoint-00000000.us-east-2.aws.neon.tech"
    assert f"ERROR:  {facts.ENDPOINT_NOT_FOUND}" in _refusal(neon_edge.dsn(neon_endpoint.id, host=host))


def test_direct_tls_negotiation_works_with_alpn(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    with psycopg.connect(neon_edge.dsn(neon_endpoint.id, sslnegotiation="direct")) as conn:
        assert conn.pgconn.ssl_in_use


def test_a_database_error_at_log_in_is_forwarded_as_neon_does(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    message = _refusal(neon_edge.dsn(neon_endpoint.id, dbname="no_such_db"))
    assert 'ERROR:  database "no_such_db" does not exist' in message  # the compute's text, the proxy's severity


def test_edge_errors_never_show_the_password(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    neon_edge.set_state(neon_endpoint.id, "disabled")
    assert neon_endpoint.password not in _refusal(neon_edge.dsn(neon_endpoint.id))
    assert neon_endpoint.password not in repr(neon_endpoint)


@pytest.mark.parametrize("version", ["TLSv1.2", "TLSv1.3"])
def test_tls_1_2_and_1_3_are_served(neon_edge: NeonEdge, neon_endpoint: Endpoint, version: str) -> None:
    dsn = neon_edge.dsn(neon_endpoint.id, ssl_min_protocol_version=version, ssl_max_protocol_version=version)
    with psycopg.connect(dsn) as conn:
        assert conn.pgconn.ssl_in_use


def test_psql_of_the_server_packages_connects_too(neon_edge: NeonEdge, neon_endpoint: Endpoint) -> None:
    """A second libpq (the system's, not psycopg-binary's) sends SNI and binds the channel the same way."""
    psql = shutil.which("psql") or find_binaries().path("psql")  # postgresql-client, installed with the server
    dsn = neon_edge.dsn(neon_endpoint.id, channel_binding="require")
    query = "SELECT current_database()"
    result = subprocess.run([psql, dsn, "-Atc", query], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout.strip()) == (0, "neondb"), result.stderr
