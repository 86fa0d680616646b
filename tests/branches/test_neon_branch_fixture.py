"""``neon_branch``: a Neon branch of a test's own, a child of the run's parent, deleted after the test."""

from __future__ import annotations

import re

import pytest
from session_run import BranchRun

OWN_BRANCH_TESTS = """
def test_migrations_on_a_branch_of_its_own(neon_branch, neon_conn):
    print("PARENT", neon_branch.parent_id, "NAME", neon_branch.name)
    with neon_branch.connect(autocommit=True) as conn:
        params = {option.keyword: option.val for option in conn.pgconn.info}
        assert params[b"sslmode"] == b"verify-full" and params[b"channel_binding"] == b"require"
        assert conn.execute("SELECT name FROM item").fetchall() == [("from the parent",)]
        conn.execute("ALTER TABLE item ADD COLUMN migrated boolean")  # committed: autocommit
        conn.execute("INSERT INTO item VALUES ('on its own branch', true)")
    # the run's branch is another copy: it has neither the column nor the row
    assert neon_conn.execute("SELECT * FROM item").fetchall() == [("from the parent",)]
    assert "****" in repr(neon_branch.dsn) and neon_branch.id in repr(neon_branch)


def test_another_test_gets_another_branch(neon_branch):
    with neon_branch.connect() as conn:
        assert conn.execute("SELECT * FROM item").fetchall() == [("from the parent",)]
"""


def test_each_test_gets_a_branch_of_the_runs_parent_deleted_after_it(branch_run: BranchRun) -> None:
    branch_run.parent_sql(
        "DROP TABLE IF EXISTS item", "CREATE TABLE item (name text)", "INSERT INTO item VALUES ('from the parent')"
    )
    branch_run.pytester.makepyfile(test_inner=OWN_BRANCH_TESTS)
    result = branch_run.run("-rA")
    result.assert_outcomes(passed=2)
    text = result.stdout.str()
    parent, name = re.search(r"PARENT (\S+) NAME (\S+)", text).groups()  # type: ignore[union-attr]
    assert parent == branch_run.standin.default_branch_id
    assert re.fullmatch(r"pytest/\d{8}-\d{6}-[0-9a-f]{6}/test_migrations_on_a_branch_of_its_own-[0-9a-f]{6}", name)
    assert "neon_branch made 2 branch(es) of their own for tests" in text
    # the run's branch and one per test (a create may be retried: Neon answers 423 while operations run)
    assert len(set(branch_run.requests("DELETE"))) == len(branch_run.requests("DELETE")) == 3
    assert branch_run.branches() == []


def test_a_branch_of_its_own_that_neon_refuses(branch_run: BranchRun) -> None:
    branch_run.standin.settings.branch_limit = 2  # the default branch and the run's
    branch_run.pytester.makepyfile(test_inner="def test_own(neon_branch):\n    pass\n")
    result = branch_run.run("-rE")
    result.assert_outcomes(errors=1)
    assert "neon-tls could not make a Neon branch for this test: Neon API: could not create a branch" in (
        result.stdout.str()
    )
    assert "BRANCHES_LIMIT_EXCEEDED" in result.stdout.str()
    assert branch_run.branches() == []


def test_without_neon_branch_the_test_is_skipped(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEON_DATABASE_URL", "PGSSLROOTCERT", "PGSSLMODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PYTEST_ADDOPTS", "-o asyncio_default_fixture_loop_scope=function")
    pytester.makepyfile(test_inner="def test_own(neon_branch):\n    pass\n")
    result = pytester.runpytest_inprocess("-rs")
    result.assert_outcomes(skipped=1)
    assert "this test needs a Neon branch of its own: run with --neon-branch" in result.stdout.str()
    result = pytester.runpytest_inprocess("-rE", "--neon-require")
    result.assert_outcomes(errors=1)


def test_ctrl_c_in_a_test_with_a_branch_of_its_own_deletes_both_branches(branch_run: BranchRun) -> None:
    branch_run.pytester.makepyfile(
        test_inner="""
def test_interrupted(neon_branch):
    with neon_branch.connect() as conn:
        conn.execute("SELECT 1")
    raise KeyboardInterrupt
"""
    )
    result = branch_run.run()
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert len(set(branch_run.requests("DELETE"))) == 2
    assert branch_run.branches() == []
