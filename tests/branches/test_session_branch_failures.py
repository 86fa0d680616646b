"""Everything that can go wrong with ``--neon-branch``, said in Neon's terms, with the fix.

Settings that cannot work stop pytest at start-up with a usage error naming the variables. What
Neon answers (401, 404, 429, limits, an endpoint that does not start in time) errors every test
that needs the database, with the same explanation, while other tests still run; whatever was
made is deleted. The API key is never shown.
"""

from __future__ import annotations

import re

import pytest
from session_run import BranchRun

ONE_NEON_TEST = """
def test_database(neon_conn):
    pass


def test_without_database():
    pass
"""


@pytest.mark.parametrize(
    ("unset", "named"),
    [("NEON_API_KEY", "NEON_API_KEY (or NEON_API_KEY_FILE)"), ("NEON_PROJECT_ID", "NEON_PROJECT_ID")],
)
def test_a_missing_setting_is_a_usage_error_naming_it(
    branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch, unset: str, named: str
) -> None:
    monkeypatch.delenv(unset)
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    result = branch_run.run()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"--neon-branch needs {named}" in result.stderr.str()
    assert branch_run.standin.requests == []


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("NEON_API_URL", "http://api.example.com/api/v2", "refusing to send the Neon API key over plain http"),
        ("NEON_DATABASE_URL", "postgresql://app@db.example.com/app", "both choose where tests connect"),
        ("NEON_API_KEY", "napi key with spaces", "contains spaces or control characters"),
        ("NEON_API_KEY_FILE", "/nonexistent/neon-key", "cannot be read (No such file or directory)"),
    ],
)
def test_unusable_settings_are_usage_errors(
    branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch, variable: str, value: str, said: str
) -> None:
    if variable == "NEON_API_KEY_FILE":
        monkeypatch.delenv("NEON_API_KEY")
    monkeypatch.setenv(variable, value)
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    result = branch_run.run()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert said in result.stderr.str()
    assert "with spaces" not in result.stderr.str() + result.stdout.str()


def test_the_key_may_come_from_a_file(branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch) -> None:
    key_file = branch_run.pytester.path / "neon-key"
    key_file.write_text(branch_run.api_key + "\n")
    monkeypatch.delenv("NEON_API_KEY")
    monkeypatch.setenv("NEON_API_KEY_FILE", str(key_file))
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    branch_run.run().assert_outcomes(passed=2)
    assert branch_run.branches() == []


def _errors_with(branch_run: BranchRun, *args: str, subprocess: bool = False) -> str:
    """Run the inner tests: the database test errors (the other passes); its explanation."""
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    result = branch_run.run("-rE", *args, subprocess=subprocess)
    result.assert_outcomes(passed=1, errors=1)
    text = result.stdout.str()
    assert branch_run.api_key not in text + result.stderr.str()
    assert branch_run.branches() == []
    return text


def test_a_rejected_key(branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEON_API_KEY", "napi_" + "0" * 48)
    text = _errors_with(branch_run)
    assert "Neon rejected the API key (401 Unauthorized)" in text
    assert "Fix: set NEON_API_KEY to a valid key" in text
    assert "napi_" + "0" * 48 not in text


def test_a_rejected_key_under_xdist_errors_every_worker_with_the_controllers_explanation(
    branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEON_API_KEY", "napi_" + "0" * 48)
    text = _errors_with(branch_run, "-n", "2", subprocess=True)
    assert "no Neon branch for this run; neon tests will error" in text  # the header
    assert "Neon rejected the API key (401 Unauthorized)" in text
    assert len(branch_run.standin.requests) == 1  # the controller asked once; the workers did not


def test_an_unknown_project(branch_run: BranchRun, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEON_PROJECT_ID", "no-such-project-1234")
    text = _errors_with(branch_run)
    assert "Neon does not know it, or the API key cannot see it (404 Not Found)" in text
    assert "check NEON_PROJECT_ID" in text


def test_an_unknown_parent_branch(branch_run: BranchRun) -> None:
    text = _errors_with(branch_run, "--neon-parent-branch=staging")
    assert "has no branch named 'staging' (its branches: main)" in text


def test_a_parent_named_by_name_or_id(branch_run: BranchRun) -> None:
    for parent in ("main", branch_run.standin.default_branch_id):
        branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
        result = branch_run.run(f"--neon-parent-branch={parent}")
        result.assert_outcomes(passed=2)
        assert f"of {parent}," in result.stdout.str()
    assert branch_run.branches() == []


def test_rate_limiting_waits_as_long_as_neon_asks(branch_run: BranchRun) -> None:
    branch_run.standin.fail_next(429, message="rate limit exceeded", retry_after="1", method="POST")
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    branch_run.run().assert_outcomes(passed=2)
    first, second = [r.at for r in branch_run.standin.requests if r.method == "POST"]
    assert second - first >= 1.0
    assert branch_run.branches() == []


def test_rate_limiting_longer_than_neon_tls_waits(branch_run: BranchRun) -> None:
    branch_run.standin.fail_next(429, message="rate limit exceeded", retry_after="600", method="POST")
    text = _errors_with(branch_run)
    assert "Neon's API is rate limiting this account (429 Too Many Requests" in text
    assert "Neon asked to wait 600 s (Retry-After), more than the 30 s neon-tls waits" in text


@pytest.mark.parametrize(
    ("limit", "code", "cause"),
    [
        ("branch_limit", "BRANCHES_LIMIT_EXCEEDED", "the project has as many branches as its plan allows"),
        ("endpoint_limit", "ENDPOINTS_LIMIT_EXCEEDED", "the project has as many compute endpoints as its plan allows"),
    ],
)
def test_the_projects_limits(branch_run: BranchRun, limit: str, code: str, cause: str) -> None:
    setattr(branch_run.standin.settings, limit, 1)
    text = _errors_with(branch_run)
    assert f"422 {code}" in text and cause in text


def test_an_endpoint_that_is_not_ready_in_time(branch_run: BranchRun) -> None:
    branch_run.standin.settings.startup_seconds = 10.0
    text = _errors_with(branch_run, "--neon-branch-timeout=1")
    assert "were still running when the wait ended: create_timeline (running), start_compute (running)" in text
    assert "was deleted again" in text
    assert "To wait longer: --neon-branch-timeout (now 1 s)" in text
    assert len(branch_run.requests("DELETE")) == 1


def test_a_branch_that_cannot_be_deleted_is_named_with_its_expiry(branch_run: BranchRun) -> None:
    branch_run.standin.fail_next(500, message="internal error", method="DELETE")
    branch_run.pytester.makepyfile(test_inner=ONE_NEON_TEST)
    result = branch_run.run()
    result.assert_outcomes(passed=2)
    text = result.stdout.str()
    assert re.search(
        r"WARNING neon-tls could not delete the Neon branch pytest/\S+ \((br-\S+)\): .*Neon's API failed.*"
        r" Neon deletes it by itself at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ; to remove it sooner",
        text,
    ), text
    assert len(branch_run.branches()) == 1  # left to its expiration
    branch_run.standin.reset()


def test_no_branch_is_made_for_a_run_without_database_tests(branch_run: BranchRun) -> None:
    branch_run.pytester.makepyfile(test_inner="def test_plain():\n    pass\n")
    branch_run.run().assert_outcomes(passed=1)
    assert branch_run.standin.requests == []
