"""The settings of ``--neon-branch``, read once: where each comes from, and what is refused at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_neon_tls.config import BranchConfig, ConfigError, NeonConfig

KEY = "napi_" + "k3y" * 16
ENV = {"NEON_API_KEY": KEY, "NEON_PROJECT_ID": "env-project-123"}


def _config(option: dict[str, Any] | None = None, ini: dict[str, Any] | None = None, **env: str) -> BranchConfig:
    environ = {**ENV, **env}
    return NeonConfig.from_values(
        option={"neon_branch": True, **(option or {})}, ini=ini or {}, environ={k: v for k, v in environ.items() if v}
    ).branch


def test_off_unless_asked_for() -> None:
    settings = NeonConfig.from_values(option={}, ini={}, environ=ENV)
    assert not settings.branch.enabled and settings.uses_embedded
    assert NeonConfig.from_values(option={}, ini={"neon_branch": "true"}, environ=ENV).branch.enabled


def test_command_line_then_environment_then_ini() -> None:
    assert _config().project_id == "env-project-123"
    assert _config(ini={"neon_project_id": "ini-project"}).project_id == "env-project-123"
    assert _config({"neon_project_id": "option-project"}).project_id == "option-project"
    assert _config(ini={"neon_project_id": "ini-project"}, NEON_PROJECT_ID="").project_id == "ini-project"
    assert _config().api_url == "https://console.neon.tech/api/v2"
    assert _config(NEON_API_URL="http://127.0.0.1:8080/api/v2/").api_url == "http://127.0.0.1:8080/api/v2"
    assert _config({"neon_api_url": "https://neon.internal/api/v2"}).api_url == "https://neon.internal/api/v2"


def test_a_branch_is_not_the_embedded_server_nor_a_dsn() -> None:
    settings = NeonConfig.from_values(option={"neon_branch": True}, ini={}, environ=ENV)
    assert settings.branch.enabled and not settings.uses_embedded
    with pytest.raises(ConfigError, match="--neon-embedded .* both choose where tests connect"):
        NeonConfig.from_values(option={"neon_branch": True, "neon_embedded": True}, ini={}, environ=ENV)
    with pytest.raises(ConfigError, match="ini neon_dsn both choose where tests connect"):
        NeonConfig.from_values(option={"neon_branch": True}, ini={"neon_dsn": "host=db.example.com"}, environ=ENV)


def test_the_key_comes_from_the_environment_or_a_file_and_is_never_shown(tmp_path: Path) -> None:
    settings = _config()
    assert settings.api_key is not None and settings.api_key.reveal() == KEY
    assert KEY not in repr(settings) and KEY not in str(settings)
    key_file = tmp_path / "key"
    key_file.write_text(f"  {KEY}z\n")
    from_environment = _config(NEON_API_KEY="", NEON_API_KEY_FILE=str(key_file))
    assert from_environment.api_key.reveal() == KEY + "z"  # type: ignore[union-attr]
    from_option = _config({"neon_api_key_file": str(key_file)}, NEON_API_KEY="")
    assert from_option.api_key.reveal() == KEY + "z"  # type: ignore[union-attr]
    assert _config({"neon_api_key_file": str(key_file)}).api_key.reveal() == KEY  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("option", "env", "message"),
    [
        ({}, {"NEON_API_KEY": ""}, r"--neon-branch needs NEON_API_KEY \(or NEON_API_KEY_FILE\)\. Fix: export"),
        ({}, {"NEON_PROJECT_ID": ""}, r"--neon-branch needs NEON_PROJECT_ID \(or --neon-project-id\)\."),
        ({}, {"NEON_API_KEY": "", "NEON_PROJECT_ID": ""}, "needs NEON_API_KEY .* and NEON_PROJECT_ID"),
        ({}, {"NEON_API_URL": "ftp://api.example.com"}, "NEON_API_URL .* not an http"),
        ({}, {"NEON_API_URL": "https://user:pw@api.example.com"}, "may not hold credentials"),
        ({"neon_branch_lifetime": "0.5"}, {}, "--neon-branch-lifetime 0.5 is out of range"),
        ({"neon_branch_lifetime": "50000"}, {}, "up to 30 days"),
        ({"neon_branch_lifetime": "an hour"}, {}, r"--neon-branch-lifetime \(ini neon_branch_lifetime\) is 'an hour'"),
        ({"neon_branch_timeout": "0"}, {}, "--neon-branch-timeout 0: give a number of seconds above 0"),
        ({"neon_sslrootcert": "/nonexistent/roots.pem"}, {}, "/nonexistent/roots.pem"),
        ({"neon_api_key_file": "/nonexistent/key"}, {"NEON_API_KEY": ""}, "--neon-api-key-file names"),
    ],
)
def test_what_cannot_work_is_refused_at_start_up(option: dict[str, Any], env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as raised:
        _config(option, **env)
    assert KEY not in str(raised.value) and "pw@" not in str(raised.value)


def test_lifetime_and_timeout_from_ini() -> None:
    settings = _config(ini={"neon_branch_lifetime": "15", "neon_branch_timeout": "300", "neon_parent_branch": "dev"})
    assert (settings.lifetime_minutes, settings.timeout, settings.parent) == (15.0, 300.0, "dev")
    assert _config({"neon_branch_lifetime": "20"}, ini={"neon_branch_lifetime": "15"}).lifetime_minutes == 20.0
