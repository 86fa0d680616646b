"""``--neon-branch`` end to end: real pytest runs on a branch made through the API stand-in.

The branch's URI, as the API gives it, is hardened by the plugin and reached through the
Neon-shaped edge (SNI, verify-full, SCRAM with channel binding); the parent's data is there,
tests are isolated by rollback, and the branch is gone after the run, with pytest-xdist and
after Ctrl-C too.
"""

from __future__ import annotations

import re

from session_run import BranchRun

INNER_TESTS = """
def test_the_parents_data_is_on_the_branch(neon_conn):
    assert neon_conn.execute("SELECT name FROM item ORDER BY name").fetchall() == [("from the parent",)]
    neon_conn.execute("INSERT INTO item VALUES ('written by a test')")


def test_a_test_sees_nothing_of_an_earlier_one(neon_conn):
    assert neon_conn.execute("SELECT count(*) FROM item").fetchone() == (1,)


def test_the_target_is_the_branch_verify_full(neon_target, neon_conn):
    params = {option.keyword: option.val for option in neon_conn.pgconn.info}
    assert params[b"sslmode"] == b"verify-full" and params[b"channel_binding"] == b"require"
    host = neon_target.conninfo.hosts[0]
    assert host.startswith("ep-") and host.endswith(".neon.tech")
    print("BACKEND", neon_conn.execute("SELECT current_database()").fetchone()[0])
"""


def _prepare_parent(branch_run: BranchRun) -> None:
    branch_run.parent_sql(
        "DROP TABLE IF EXISTS item",
        "CREATE TABLE item (name text)",
        "INSERT INTO item VALUES ('from the parent')",
    )


def test_a_run_on_its_own_branch(branch_run: BranchRun) -> None:
    _prepare_parent(branch_run)
    branch_run.pytester.makepyfile(test_inner=INNER_TESTS)
    result = branch_run.run("-v", "-s")
    result.assert_outcomes(passed=3)
    text = result.stdout.str()
    header = re.search(r"neon-tls: target a new Neon branch (pytest/\S+) of the project's default branch", text)
    assert header, text
    summary = re.search(
        rf"neon-tls: Neon branch {re.escape(header[1])} \(br-[a-z]+-[a-z]+-(\w+)\): made and ready in \d+\.\d\d s, "
        r"deleted in \d+\.\d\d s",
        text,
    )
    assert summary, text
    assert f"BACKEND neondb_br_{summary[1]}" in text  # the tests ran on that branch's copy of the data
    assert len(branch_run.requests("POST", "/branches")) == 1
    assert len(branch_run.requests("DELETE")) == 1
    assert branch_run.branches() == []
    # the parent still has only its own row: the branch was a copy
    assert branch_run.parent_sql("SELECT name FROM item") == [("from the parent",)]
