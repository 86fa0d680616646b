"""The shared connection-string model: TLS verdicts, rewriting, hosts (redaction: test_redact.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_neon.conninfo import (
    ConninfoError,
    evaluate_tls,
    is_local_host,
    is_neon_host,
    looks_like_conninfo,
    parse,
)

psycopg_conninfo = pytest.importorskip("psycopg.conninfo")


@pytest.mark.parametrize(
    ("text", "sslmode", "verify_full", "verifies_chain", "words"),
    [
        ("host=db.example.com", "prefer", False, False, "default prefer"),
        ("host=h sslmode=disable", "disable", False, False, "plaintext"),
        ("host=h sslmode=allow", "allow", False, False, "tries plaintext first"),
        ("host=h sslmode=prefer", "prefer", False, False, "falls back to plaintext"),
        ("host=h sslmode=require", "require", False, False, "verifies nothing"),
        ("host=h sslmode=require sslrootcert=/ca.pem", "require", False, True, "verifies nothing"),
        ("host=h sslmode=verify-ca", "verify-ca", False, True, "not the host name"),
        ("host=h sslmode=verify-full", "verify-full", True, True, "names the host"),
        ("postgresql://h/db?ssl=true", "require", False, False, "ssl=true means sslmode=require"),
        ("host=h requiressl=1", "require", False, False, "requiressl=1 means sslmode=require"),
        ("host=h sslrootcert=system", "verify-full", True, True, "makes verify-full the default"),
        ("postgresql://h/db?sslmode=verify%2Dfull", "verify-full", True, True, "names the host"),
        ("host=h sslmode=verify-full sslmode=require", "require", False, False, "verifies nothing"),
    ],
)
def test_verdict_follows_libpq(text: str, sslmode: str, verify_full: bool, verifies_chain: bool, words: str) -> None:
    verdict = parse(text).tls()
    assert (verdict.sslmode, verdict.verify_full, verdict.verifies_chain) == (
        sslmode,
        verify_full,
        verifies_chain,
    )
    assert verdict.verifies_host == verify_full
    assert words in verdict.reason
    assert verdict.rejected is None


@pytest.mark.parametrize(
    ("params", "environ", "rejected"),
    [
        ({"sslrootcert": "system", "sslmode": "require"}, {}, 'weak sslmode "require"'),
        ({"sslmode": "verify-ca"}, {"PGSSLROOTCERT": "system"}, "sslrootcert=system"),
        ({"sslmode": "prefer", "sslnegotiation": "direct"}, {}, "sslnegotiation=direct"),
        ({"sslmode": "VERIFY-FULL"}, {}, "invalid sslmode value"),
        ({}, {"PGSSLMODE": "on"}, "invalid sslmode value"),
    ],
)
def test_combinations_libpq_refuses(params: dict[str, str], environ: dict[str, str], rejected: str) -> None:
    verdict = evaluate_tls(params, environ)
    assert not verdict.verify_full
    assert verdict.rejected is not None and rejected in verdict.rejected
    assert verdict.reason.startswith("libpq refuses to connect")


def test_environment_applies_only_where_the_string_is_silent() -> None:
    environ = {"PGSSLMODE": "verify-full"}
    assert parse("host=h").tls(environ).source == "PGSSLMODE"
    assert parse("host=h").tls(environ).verify_full
    assert parse("host=h sslmode=require").tls(environ).sslmode == "require"
    assert parse("host=h").tls({"PGSSLROOTCERT": "system"}).verify_full


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://u:pw@h:5/db?sslmode=require&x_=1"[:-5], "postgresql://u:pw@h:5/db?sslmode=verify-full"),
        ("postgresql://h/db", "postgresql://h/db?sslmode=verify-full"),
        ("postgresql://h/db?", "postgresql://h/db?sslmode=verify-full"),
        ("postgresql://h/db?connect_timeout=5", "postgresql://h/db?connect_timeout=5&sslmode=verify-full"),
        ("postgresql://h/db?ssl=true&application_name=a", "postgresql://h/db?sslmode=verify-full&application_name=a"),
        ("postgresql+psycopg://h/db?sslmode=prefer", "postgresql+psycopg://h/db?sslmode=verify-full"),
        ("host=h  sslmode = 'require'  dbname=x", "host=h  sslmode=verify-full  dbname=x"),
        ("host=h requiressl=1 sslmode=allow", "host=h sslmode=verify-full sslmode=verify-full"),
        ("host=h\n", "host=h\nsslmode=verify-full"),
        ("", "sslmode=verify-full"),
    ],
)
def test_rewrite_keeps_the_form_and_everything_else(text: str, expected: str) -> None:
    assert parse(text).with_verify_full() == expected


def test_rewrite_adds_roots_quoted_for_the_form() -> None:
    assert parse("host=h").with_verify_full("/ca dir/root.crt") == (
        "host=h sslmode=verify-full sslrootcert='/ca dir/root.crt'"
    )
    assert parse("postgres://h").with_verify_full("/ca dir/a&b.crt") == (
        "postgres://h?sslmode=verify-full&sslrootcert=/ca%20dir/a%26b.crt"
    )


def test_rewrite_refuses_what_it_cannot_do_safely() -> None:
    with pytest.raises(ConninfoError, match="cannot rewrite"):
        parse("host=h dbname=a\\").with_verify_full()  # the appended space would be escaped
    with pytest.raises(ConninfoError, match="not libpq connection keywords: bogus"):
        parse("host=h").with_params(bogus="1")


def test_rewrite_appends_before_a_nul_that_libpq_stops_at() -> None:
    assert parse("host=h\0ignored").with_verify_full() == "host=h sslmode=verify-full\0ignored"
    assert parse("postgresql://h\0?x").with_verify_full() == "postgresql://h?sslmode=verify-full\0?x"


def test_rewrite_sets_every_duplicate() -> None:
    many = 50_000
    rewritten = parse(" ".join(["sslmode=require"] * many)).with_verify_full()
    assert rewritten == " ".join(["sslmode=verify-full"] * many)


def test_a_host_query_parameter_overrides_the_uri_host() -> None:
    conninfo = parse("postgresql://localhost/db?host=db.example.com")
    assert conninfo.hosts == ("db.example.com",)
    assert not conninfo.is_local
    assert parse("postgresql://h/d%3Fsslmode=disable").params == {"host": "h", "dbname": "d?sslmode=disable"}


@pytest.mark.parametrize(
    "host", ["", "localhost", "LOCALHOST", "127.0.0.1", "127.8.0.1", "::1", "/var/run/postgresql", "@abstract"]
)
def test_local_hosts(host: str) -> None:
    assert is_local_host(host)


@pytest.mark.parametrize("host", ["db.example.com", "10.0.0.1", "::2", "ep-x.neon.tech", "localhost.evil.com"])
def test_remote_hosts(host: str) -> None:
    assert not is_local_host(host)


def test_a_list_is_local_only_when_every_host_is() -> None:
    assert parse("host=localhost,/tmp").is_local
    assert not parse("postgresql://localhost,db.example.com/x").is_local
    assert not parse("host=localhost hostaddr=10.1.1.1").is_local


@pytest.mark.parametrize(
    "text",
    ["postgresql://h/db", "postgres+asyncpg://h", "host=h", "dbname = x", "x sslmode=require"],
)
def test_looks_like_conninfo(text: str) -> None:
    assert looks_like_conninfo(text)


@pytest.mark.parametrize("text", ["SELECT * FROM t WHERE a = 1", "https://example.com", "the host"])
def test_does_not_look_like_conninfo(text: str) -> None:
    assert not looks_like_conninfo(text)


@settings(max_examples=2000, deadline=None)
@given(st.sampled_from(["postgresql://", "host="]), st.text(max_size=40))
def test_rewrite_yields_verify_full_and_keeps_every_other_parameter(prefix: str, rest: str) -> None:
    try:
        original = parse(prefix + rest)
        rewritten = original.with_verify_full("/etc/ssl/certs/ca-certificates.crt")
    except ConninfoError:
        return
    expected = {**original.params, "sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/ca-certificates.crt"}
    assert psycopg_conninfo.conninfo_to_dict(rewritten) == expected
    assert parse(rewritten).tls().verify_full
    assert parse(rewritten).with_verify_full("/etc/ssl/certs/ca-certificates.crt") == rewritten


@pytest.mark.parametrize(
    ("host", "neon"),
    [
        ("ep-cool-1.us-east-2.aws.neon.tech", True),
        ("ep-cool-1-pooler.us-east-2.aws.neon.tech.", True),
        ("EP-X.NEON.TECH", True),
        ("neon.tech.evil.com", False),
        ("notneon.tech", False),
        ("localhost", False),
    ],
)
def test_neon_hosts(host: str, neon: bool) -> None:
    assert is_neon_host(host) is neon
