"""Root bundle precedence, DSN hardening and the configuration object (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flake8_neon.conninfo import parse
from pytest_neon_tls import roots
from pytest_neon_tls.config import ConfigError, NeonConfig
from pytest_neon_tls.target import RedactedStr, Target, harden
from pytest_neon_tls.roots import RootBundle, RootBundleError, resolve_root_bundle


@pytest.fixture
def pem_files(tmp_path: Path) -> dict[str, Path]:
    files = {name: tmp_path / f"{name}.pem" for name in ("option", "dsn", "env", "sslcertfile")}
    for path in files.values():
        path.write_text("-----BEGIN CERTIFICATE-----\n")
    return files


def test_root_precedence_option_dsn_env(pem_files: dict[str, Path]) -> None:
    env = {"PGSSLROOTCERT": str(pem_files["env"])}
    assert resolve_root_bundle(str(pem_files["option"]), str(pem_files["dsn"]), env) == RootBundle(
        pem_files["option"], "--neon-sslrootcert"
    )
    assert resolve_root_bundle(None, str(pem_files["dsn"]), env).path == pem_files["dsn"]
    assert resolve_root_bundle(None, None, env) == RootBundle(pem_files["env"], "PGSSLROOTCERT")


def test_system_and_automatic_resolve_to_a_concrete_file(pem_files: dict[str, Path], monkeypatch) -> None:
    env = {"SSL_CERT_FILE": str(pem_files["sslcertfile"])}
    assert resolve_root_bundle(None, None, env) == RootBundle(pem_files["sslcertfile"], "automatic: SSL_CERT_FILE")
    chosen = resolve_root_bundle("system", str(pem_files["dsn"]), env)
    assert chosen == RootBundle(pem_files["sslcertfile"], "system via --neon-sslrootcert: SSL_CERT_FILE")
    monkeypatch.setattr(roots, "OS_BUNDLES", (str(pem_files["env"]),))
    assert (
        resolve_root_bundle(None, "system", {}).source == "system via sslrootcert in the DSN: operating system bundle"
    )


def test_missing_files_are_reported_with_a_fix(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(RootBundleError, match=r"from --neon-sslrootcert does not exist. Fix"):
        resolve_root_bundle(str(tmp_path / "nope.pem"), None, {})
    monkeypatch.setattr(roots, "OS_BUNDLES", ())
    monkeypatch.setattr(roots, "_certifi_bundle", lambda: None)
    with pytest.raises(RootBundleError, match=r"SSL_CERT_FILE=.*missing.pem, certifi \(not installed\). Fix"):
        resolve_root_bundle(None, None, {"SSL_CERT_FILE": str(tmp_path / "missing.pem")})


@pytest.mark.parametrize(
    ("dsn", "environ", "upgraded_from"),
    [
        ("postgresql://u:pw@db.example/app?sslmode=require", {}, "require"),
        ("host=db.example user=u", {}, "prefer"),
        ("host=db.example user=u", {"PGSSLMODE": "verify-ca"}, "verify-ca"),
        ("postgresql://u@db.example/app?ssl=true", {}, "require"),
        ("host=db.example sslmode=verify-full", {"PGSSLMODE": "disable"}, None),
    ],
)
def test_harden_always_demands_verify_full(dsn: str, environ: dict, upgraded_from: str | None, tmp_path: Path) -> None:
    root = RootBundle(tmp_path / "ca.pem", "test")
    hardened = harden(parse(dsn), root, environ)
    params = hardened.conninfo.params
    assert params["sslmode"] == "verify-full"
    assert params["sslrootcert"] == str(root.path)
    assert hardened.conninfo.form == parse(dsn).form
    assert hardened.upgraded_from == upgraded_from
    if upgraded_from:
        assert f"sslmode={upgraded_from}" in hardened.upgrade_reason


def test_neon_hosts_get_timeout_and_channel_binding(tmp_path: Path) -> None:
    root = RootBundle(tmp_path / "ca.pem", "test")
    pooled = harden(parse("postgresql://u:pw@ep-cool-1234-pooler.us-east-2.aws.neon.tech/neondb"), root, {})
    assert pooled.conninfo.params["channel_binding"] == "require"
    assert pooled.conninfo.params["connect_timeout"] == "10"
    own = harden(parse("host=ep-x.neon.tech channel_binding=disable connect_timeout=3"), root, {})
    assert own.conninfo.params["channel_binding"] == "disable"
    assert own.conninfo.params["connect_timeout"] == "3"
    other = harden(parse("host=db.example"), root, {})
    assert "channel_binding" not in other.conninfo.params


def test_redacted_str_hides_the_password_only_in_repr() -> None:
    dsn = RedactedStr("postgresql://u:hunter2@db.example/app")
    assert "hunter2" not in repr(dsn)
    assert str(dsn) == "postgresql://u:hunter2@db.example/app"
    assert f"{dsn}".endswith("/app")


def test_config_precedence_option_env_ini(pem_files: dict[str, Path]) -> None:
    ca = str(pem_files["option"])
    ini = {"neon_dsn": "host=ini.example", "neon_sslrootcert": ca}
    env = {"NEON_DATABASE_URL": "host=env.example"}
    from_option = NeonConfig.from_values(option={"neon_dsn": "host=opt.example"}, ini=ini, environ=env)
    assert (from_option.dsn.hosts, from_option.dsn_source) == (("opt.example",), "--neon-dsn")
    from_env = NeonConfig.from_values(option={}, ini=ini, environ=env)
    assert (from_env.dsn.hosts, from_env.dsn_source) == (("env.example",), "NEON_DATABASE_URL")
    from_ini = NeonConfig.from_values(option={}, ini=ini, environ={})
    assert (from_ini.dsn.hosts, from_ini.dsn_source) == (("ini.example",), "ini neon_dsn")
    assert not from_ini.uses_embedded
    assert NeonConfig.from_values(option={"neon_embedded": True}, ini=ini, environ={}).uses_embedded
    assert NeonConfig.from_values(option={}, ini={}, environ={}).uses_embedded


@pytest.mark.parametrize(
    ("option", "ini", "embedded", "pooled"),
    [
        (None, "", False, False),
        ("direct", "", True, False),
        ("pooled", "", True, True),
        (None, "true", True, False),
        (None, "Pooled", True, True),
        (None, "off", False, False),
        (None, True, True, False),  # an ini value pytest already read as a flag
        ("direct", "pooled", True, False),  # the option wins
    ],
)
def test_config_reads_the_embedded_mode(option, ini, embedded: bool, pooled: bool) -> None:
    config = NeonConfig.from_values(
        option={"neon_embedded": option}, ini={"neon_embedded": ini, "neon_dsn": "host=db.example"}, environ={}
    )
    assert (config.uses_embedded, config.pooled) == (embedded, pooled)


def test_config_rejects_bad_values_without_leaking(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--neon-dsn is not a valid connection string") as bad:
        NeonConfig.from_values(option={"neon_dsn": "host=x password=hunter2 oops"}, ini={}, environ={})
    assert "hunter2" not in str(bad.value)
    with pytest.raises(ConfigError, match="does not exist"):
        NeonConfig.from_values(
            option={"neon_dsn": "host=x", "neon_sslrootcert": str(tmp_path / "nope.pem")}, ini={}, environ={}
        )
    ca = tmp_path / "ca.pem"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    config = NeonConfig.from_values(
        option={"neon_dsn": f"host=x password=hunter2 sslrootcert={ca}"}, ini={}, environ={}
    )
    assert config.hardened.conninfo.params["password"] == "hunter2"
    assert "hunter2" not in repr(config)


@pytest.mark.parametrize(
    ("dsn", "neon", "pooled", "endpoint"),
    [
        (
            "postgresql://u@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/neondb",
            True,
            True,
            "ep-cool-darkness-a1b2c3d4",
        ),
        (
            "postgresql://u@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb",
            True,
            False,
            "ep-cool-darkness-a1b2c3d4",
        ),
        ("host=db.example hostaddr=10.0.0.1", False, False, None),
        ("hostaddr=10.0.0.1", False, False, None),
    ],
)
def test_target_knows_neon_endpoints_and_the_pooled_route(
    dsn: str, neon: bool, pooled: bool, endpoint: str | None, tmp_path: Path
) -> None:
    root = RootBundle(tmp_path / "ca.pem", "test")
    target = Target(harden(parse(dsn), root, {}).conninfo, root, embedded=False)
    assert (target.neon, target.pooled, target.endpoint_id) == (neon, pooled, endpoint)
    assert target.session_options() == ({"prepare_threshold": None} if pooled else {})


@pytest.mark.parametrize(("value", "seconds"), [("10", 10), ("1", 2), ("0", 130), ("-5", 130), ("7.9", 7)])
def test_connect_timeout_is_read_as_libpq_and_psycopg_do(value: str, seconds: int, tmp_path: Path) -> None:
    root = RootBundle(tmp_path / "ca.pem", "test")
    target = Target(parse(f"host=db.example connect_timeout={value}"), root, embedded=False)
    assert target.connect_timeout == seconds
