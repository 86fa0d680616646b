"""``--neon-branch`` end to end: real pytest runs on a branch made through the API stand-in.

The branch's URI, as the API gives it, is hardened by the plugin and reached through the
Neon-shaped edge (SNI, verify-full, SCRAM with channel binding); the parent's data is there,
tests are isolated by rollback, and the branch is gone after the run, with pytest-xdist and
after Ctrl-C too.
"""

from __future__ import annotations

import re

import pytest
from session_run import BranchRun

INNER_TESTS = """
import pytest


def test_the_parents_data_is_on_the_branch(neon_conn):
    assert neon_conn.execute("SELECT name FROM item ORDER BY name").fetchall() == [("from the parent",)]
    neon_conn.execute("INSERT INTO item VALUES ('written by a test')")


def test_a_test_sees_nothing_of_an_earlier_one(neon_conn):
    assert neon_conn.execute("SELECT count(*) FROM item").fetchone() == (1,)


@pytest.mark.asyncio
async def test_the_async_fixture_is_on_the_branch_too(neon_async_conn):
    cursor = await neon_async_conn.execute("SELECT name FROM item")
    assert await cursor.fetchall() == [("from the parent",)]


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
    result.assert_outcomes(passed=4)
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


XDIST_TESTS = """
import pytest


@pytest.mark.parametrize("n", range(6))
def test_each_worker_uses_the_one_branch(neon_conn, n, worker_id):
    backend = neon_conn.execute("SELECT current_database()").fetchone()[0]
    neon_conn.execute("INSERT INTO item VALUES (%s)", [f"{worker_id}-{n}"])
    assert neon_conn.execute("SELECT count(*) FROM item").fetchone() == (2,)
    print("WORKER", worker_id, "BACKEND", backend)


@pytest.mark.parametrize("n", range(2))
def test_a_branch_of_its_own_in_a_worker(neon_branch, n, worker_id):
    with neon_branch.connect() as conn:
        assert conn.execute("SELECT count(*) FROM item").fetchone() == (1,)
    print("OWN", worker_id, neon_branch.id, "OF", neon_branch.parent_id)
"""


def test_xdist_workers_share_one_branch_made_and_deleted_once(branch_run: BranchRun) -> None:
    _prepare_parent(branch_run)
    branch_run.pytester.makepyfile(test_inner=XDIST_TESTS)
    result = branch_run.run("-n", "2", "-v", "-rA", "--dist=each", subprocess=True)  # every test on both workers
    result.assert_outcomes(passed=16)
    text = result.stdout.str()
    # the controller made it before the workers started: the header names it
    header = re.search(r"neon-tls: target Neon branch (pytest/\S+) \((br-\S+)\) of main, endpoint ep-\S+", text)
    assert header, text
    workers = dict(re.findall(r"WORKER (gw\d) BACKEND (\S+)", text))
    own = re.findall(r"OWN (gw\d) (\S+) OF (\S+)", text)
    assert {worker for worker, _, _ in own} == {"gw0", "gw1"}, text  # each worker made a branch of its own
    assert {parent for _, _, parent in own} == {branch_run.standin.default_branch_id}
    assert set(workers) == {"gw0", "gw1"}, text
    assert set(workers.values()) == {f"neondb_br_{header[2].rsplit('-', 1)[1]}"}
    assert re.search(rf"Neon branch {re.escape(header[1])} \(\S+\): made and ready in [\d.]+ s, deleted in", text)
    deleted = branch_run.requests("DELETE")
    assert len(deleted) == len(set(deleted)) == 5  # the run's branch once, and 2 tests x 2 workers' own
    assert sum(path.endswith("/" + header[2]) for path in deleted) == 1
    assert branch_run.branches() == []


INTERRUPTED_TESTS = """
import os
import signal
import time


def test_interrupted(neon_conn, request):
    neon_conn.execute("SELECT 1")
    # Ctrl-C: the terminal sends SIGINT to pytest (under xdist: the controller, this worker's parent).
    # Asked of this run's own config: the environment may come from an outer xdist worker.
    worker = hasattr(request.config, "workerinput")
    os.kill(os.getppid() if worker else os.getpid(), signal.SIGINT)
    time.sleep(10)


def test_never_runs(neon_conn):
    pass
"""


def test_ctrl_c_deletes_the_branch(branch_run: BranchRun) -> None:
    branch_run.pytester.makepyfile(test_inner=INTERRUPTED_TESTS)
    result = branch_run.run("-p", "no:xdist", subprocess=True)
    text = result.stdout.str()
    assert "KeyboardInterrupt" in text and result.ret == 2, text
    assert re.search(r"Neon branch pytest/\S+ \(br-\S+\): made and ready in [\d.]+ s, deleted in", text), text
    assert len(branch_run.requests("DELETE")) == 1
    assert branch_run.branches() == []


def test_ctrl_c_deletes_the_branch_under_xdist(branch_run: BranchRun) -> None:
    branch_run.pytester.makepyfile(test_inner=INTERRUPTED_TESTS)
    result = branch_run.run("-n", "2", subprocess=True)
    text = result.stdout.str()
    assert result.ret == 2, text
    assert re.search(r"Neon branch pytest/\S+ \(br-\S+\): made and ready in [\d.]+ s, deleted in", text), text
    assert branch_run.branches() == []


def test_a_keyboard_interrupt_inside_a_test_deletes_the_branch(branch_run: BranchRun) -> None:
    branch_run.pytester.makepyfile(
        test_inner="""
def test_interrupted(neon_conn):
    neon_conn.execute("SELECT 1")
    raise KeyboardInterrupt
"""
    )
    result = branch_run.run()
    assert result.ret == 2
    assert branch_run.branches() == []
    assert len(branch_run.requests("DELETE")) == 1


def _interrupt_setup(branch_run: BranchRun, after: float) -> None:
    """Ctrl-C ``after`` seconds into the first test's setup, where the branch is being made."""
    branch_run.pytester.makeconftest(
        f"""
import os, signal, threading

def pytest_runtest_setup(item):
    threading.Timer({after}, os.kill, (os.getpid(), signal.SIGINT)).start()
"""
    )
    branch_run.pytester.makepyfile(test_inner="def test_one(neon_conn):\n    pass\n")


@pytest.mark.parametrize(
    ("setting", "seconds"),
    [
        ("startup_seconds", 5.0),  # Neon answered; the endpoint is starting: the client deletes the branch
        ("answer_create_after", 1.5),  # no answer yet, so no id: the branch is found by the run's name
    ],
    ids=["while the endpoint starts", "before Neon answered the create request"],
)
def test_ctrl_c_while_the_branch_is_made(branch_run: BranchRun, setting: str, seconds: float) -> None:
    setattr(branch_run.standin.settings, setting, seconds)
    _interrupt_setup(branch_run, 0.5)
    result = branch_run.run("-p", "no:xdist", subprocess=True)
    assert result.ret == 2, result.stdout.str()
    assert len(branch_run.requests("POST", "/branches")) == 1
    assert len(branch_run.requests("DELETE")) == 1
    assert branch_run.branches() == []
