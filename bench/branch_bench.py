"""Branch part: ``neon_conn`` on the run's Neon branch vs pytest-neon's reset per test, and session set-up.

Both contenders are pytest processes (the ``fixture`` venv) that run the same generated tests
against the same local stand-in of Neon's API and the Neon-shaped edge, which this process
runs in threads (``tests/branches/neon_api_standin.py``, ``tests/neon_edge``): a branch is a real
database copied on the embedded server, its endpoint a route of the edge (TLS, SNI, SCRAM).

* ours: ``--neon-branch``; one branch for the run, tests isolated by rollback on one verified
  connection (``neon_conn``).
* pytest-neon's approach, emulated in the suite's conftest with plain HTTP calls: one branch,
  restored to its parent after every test (Neon's ``POST .../branches/{id}/restore``, waited for),
  and a new ``sslmode=require`` psycopg connection per test, as pytest-neon's psycopg fixture
  makes. pytest-neon itself needs Neon's real API (``neon-api`` talks to console.neon.tech), so
  its logic is reproduced, not its package.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from environment import CACHE_DIR, REPO_ROOT, ensure_venv
from fixture_bench import DURATIONS_PLUGIN_DIR, ROW_TEST, Run, _parse_run
from measure import Sample, Summary, interleaved, run_command
from report import PartResult, Row, Table

sys.path[:0] = [str(REPO_ROOT / "tests"), str(REPO_ROOT / "tests" / "branches")]

from edge_router import EdgeRouter  # noqa: E402
from neon_api_standin import NeonApiStandIn, admin_role  # noqa: E402
from neon_edge.fixtures import running_edge  # noqa: E402

SUITES_DIR = CACHE_DIR / "branch_suites"
TEST_COUNT = 40
#: pytest-neon's README: "~0.5s per test to reset the branch", "~1.5s initial setup per module".
PYTEST_NEON_RESET = 0.5
RESET_TARGET_FACTOR = 100.0
SCHEMA_SQL = "DROP TABLE IF EXISTS bench_rows; CREATE TABLE bench_rows (id int PRIMARY KEY, payload text)"

CONFTESTS = {
    "branch-neon_conn": '''"""neon-tls: one Neon branch for the run (--neon-branch), rollback per test."""
import pytest


@pytest.fixture
def db(neon_conn):
    return neon_conn
''',
    "branch-reset": '''"""pytest-neon's approach: one branch, restored to its parent after each test.

A new psycopg connection per test, as pytest-neon's psycopg fixture makes.
"""
import datetime
import json
import os
import time
import urllib.error
import urllib.request

import psycopg
import pytest

API, KEY, PROJECT = os.environ["NEON_API_URL"], os.environ["NEON_API_KEY"], os.environ["NEON_PROJECT_ID"]


def call(method, path, body=None):
    request = urllib.request.Request(
        f"{API}/projects/{PROJECT}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"},
    )
    for attempt in range(100):
        try:
            with urllib.request.urlopen(request) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:  # 423: operations still run; Neon asks to retry
            if error.code != 423 or attempt == 99:
                raise
            time.sleep(0.1)


def wait(operations):
    for operation in operations:
        while call("GET", f"/operations/{operation['id']}")["operation"]["status"] != "finished":
            time.sleep(0.1)


@pytest.fixture(scope="session")
def branch():
    parent = next(item for item in call("GET", "/branches")["branches"] if item["default"])
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=10)
    created = call(
        "POST",
        "/branches",
        {
            "branch": {"name": f"pytest-{os.urandom(4).hex()}", "expires_at": expires.isoformat(timespec="seconds")},
            "endpoints": [{"type": "read_write"}],
        },
    )
    wait(created["operations"])
    endpoint = created["endpoints"][0]["id"]
    while call("GET", f"/endpoints/{endpoint}")["endpoint"]["current_state"] != "active":
        time.sleep(0.1)
    yield created["branch"]["id"], parent["id"], created["connection_uris"][0]["connection_uri"]
    call("DELETE", f"/branches/{created['branch']['id']}")


@pytest.fixture
def db(branch):
    branch_id, parent_id, uri = branch
    conn = psycopg.connect(uri)  # sslmode=require, as Neon's API gives it
    yield conn
    conn.close()
    wait(call("POST", f"/branches/{branch_id}/restore", {"source_branch_id": parent_id})["operations"])
''',
}


@dataclass(frozen=True)
class Contender:
    label: str
    suite: str
    ours: bool = False


@contextlib.contextmanager
def _neon_standins(scratch: Path) -> Iterator[tuple[NeonApiStandIn, Path, int, str]]:
    """The edge and the API stand-in on it; yields (stand-in, edge root, edge port, API key)."""
    api_key = "napi_" + secrets.token_hex(24)
    (scratch / "edge").mkdir()
    with running_edge(scratch / "edge", pooled=False) as edge:
        with NeonApiStandIn(admin_role(edge.server), api_key=api_key, router=EdgeRouter(edge)) as standin:
            yield standin, edge.root_cert, edge.port, api_key


def _write_suite(name: str) -> Path:
    suite = SUITES_DIR / name
    shutil.rmtree(suite, ignore_errors=True)
    suite.mkdir(parents=True)
    (suite / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider\n")
    (suite / "conftest.py").write_text(CONFTESTS[name])
    tests = "".join(ROW_TEST.format(index=index) for index in range(TEST_COUNT))
    (suite / "test_bench.py").write_text('"""Generated by bench/branch_bench.py."""\n' + tests)
    return suite


def _parent_schema(standin: NeonApiStandIn, port: int, root: Path) -> None:
    """The table the tests write to, made on the parent (default) branch, as a project's schema is."""
    import psycopg

    route = standin.route(standin.default_branch_id)
    dsn = (
        f"postgresql://{route.role}:{route.password}@{route.host}/{route.database}?sslmode=verify-full"
        f"&sslrootcert={root}&hostaddr=127.0.0.1&port={port}"
    )
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(SCHEMA_SQL)


def run_branch_part(rounds: int) -> PartResult:
    """Per-test cost and session set-up of a branch per run vs pytest-neon's reset per test."""
    venv = ensure_venv("fixture")
    scratch = Path(tempfile.mkdtemp(prefix="neon-bench-branch-"))
    contenders = [
        Contender("`neon_conn` on the run's branch (`--neon-branch`, rollback per test)", "branch-neon_conn", True),
        Contender("pytest-neon's approach (restore to parent + new connection per test)", "branch-reset"),
    ]
    try:
        with _neon_standins(scratch) as (standin, root, port, api_key):
            _parent_schema(standin, port, root)
            env = {
                key: value
                for key, value in os.environ.items()
                if not key.startswith(("PG", "NEON_", "PYTEST_", "VIRTUAL_ENV"))
            }
            env.update(
                PYTHONPATH=str(DURATIONS_PLUGIN_DIR),
                PYTHONDONTWRITEBYTECODE="1",
                PGHOSTADDR="127.0.0.1",
                PGPORT=str(port),
                NEON_API_KEY=api_key,
                NEON_PROJECT_ID=standin.project_id,
                NEON_API_URL=standin.url,
            )
            runners: dict[str, Callable[[], Sample]] = {}
            results: dict[str, list[Run]] = {}
            for contender in contenders:
                suite = _write_suite(contender.suite)
                options = ("--neon-branch", f"--neon-sslrootcert={root}") if contender.ours else ()
                runners[contender.label] = _runner(venv.python, suite, options, env, scratch, standin, results)
            interleaved(runners, rounds, label="branch")
            undeleted = sorted(standin._branches.keys() - {standin.default_branch_id})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return _result(contenders, results, undeleted)


def _runner(
    python: Path,
    suite: Path,
    options: tuple[str, ...],
    env: dict[str, str],
    scratch: Path,
    standin: NeonApiStandIn,
    results: dict[str, list[Run]],
) -> Callable[[], Sample]:
    runs = results.setdefault(suite.name, [])

    def run_once() -> Sample:
        standin.reset()  # outside the timed child process: every round starts from the parent alone
        output = scratch / f"{suite.name}-{len(runs)}.json"
        sample = run_command(
            [python, "-m", "pytest", "-q", "-p", "bench_durations", "-p", "no:pytest_postgresql", *options, suite],
            cwd=scratch,
            env={**env, "BENCH_DURATIONS_OUT": str(output)},
        )
        runs.append(_parse_run(sample, output))
        return sample

    return run_once


def _phase(runs: list[Run], phase: str) -> float:
    """The median of one phase over every test but the first of every run."""
    return statistics.median(test[phase] for run in runs for test in run.tests[1:])


def _result(contenders: list[Contender], results: dict[str, list[Run]], undeleted: list[str]) -> PartResult:
    per_test_rows, setup_rows = [], []
    medians: dict[str, float] = {}
    for contender in contenders:
        runs = results.get(contender.suite, [])
        problem = next((run.problem for run in runs if run.problem), None) or (None if runs else "not run")
        if problem:
            per_test_rows.append(Row.not_run(contender.label, problem.replace("\n", " ")[:400], ours=contender.ours))
            setup_rows.append(Row.not_run(contender.label, "see above", ours=contender.ours))
            continue
        per_round = [statistics.median(t["setup"] + t["teardown"] for t in run.tests[1:]) for run in runs]
        medians[contender.suite] = Summary.of(per_round).median
        per_test_rows.append(
            Row.measured(
                contender.label,
                Summary.of(per_round),
                ours=contender.ours,
                extra={
                    "setup / teardown medians": f"{_phase(runs, 'setup') * 1000:.3g} / "
                    f"{_phase(runs, 'teardown') * 1000:.3g} ms",
                    "tests passed per run": str(len(runs[0].tests)),
                },
            )
        )
        setup_rows.append(
            Row.measured(
                contender.label,
                Summary.of([run.tests[0]["setup"] for run in runs]),
                ours=contender.ours,
                extra={"whole pytest process (wall)": f"{Summary.of([run.sample.wall for run in runs]).median:.2f} s"},
            )
        )
    ours, theirs = medians.get("branch-neon_conn"), medians.get("branch-reset")
    verdict = "not evaluated: a contender was not measured"
    if ours and theirs:
        factor = theirs / ours
        verdict = (
            f"reset / neon_conn = {factor:.0f}× → {'met' if factor >= RESET_TARGET_FACTOR else 'NOT met'} "
            f"(target ≥ {RESET_TARGET_FACTOR:g}×)"
        )
    return PartResult(
        part="branch",
        title="A Neon branch per run: per-test cost vs pytest-neon's reset, and session set-up",
        method=f"A generated module of {TEST_COUNT} small tests (each inserts a row and reads it back) run by "
        "each contender per round, against the same local stand-in of Neon's API and the Neon-shaped edge, "
        "both run by the benchmark process (a branch is a database copied with `CREATE DATABASE ... TEMPLATE` "
        "on the embedded server; its endpoint starts in 0.3 s). The table `bench_rows` is made once on the "
        "parent branch, so each branch starts with it. Per-test cost = pytest's own `setup` + `teardown` "
        "durations of each test but the first (median over the tests of a run, then median and range over "
        "rounds); session set-up = the first test's `setup`, which makes the branch and waits for it.",
        tables=[
            Table(
                caption=f"{TEST_COUNT} tests on a branch: per-test fixture cost (setup + teardown)",
                unit="ms",
                rows=per_test_rows,
                extra_columns=["setup / teardown medians", "tests passed per run"],
                target=f"neon_conn ≥ {RESET_TARGET_FACTOR:g}× cheaper per test than a reset per test (the same "
                "isolation: nothing a test wrote is seen by the next)",
                verdict=verdict,
            ),
            Table(
                caption="Session set-up: the branch made and ready, first connection (setup of the first test)",
                unit="s",
                rows=setup_rows,
                extra_columns=["whole pytest process (wall)"],
            ),
        ],
        notes=[
            "The emulated reset's cost is the stand-in's, not Neon's: locally a restore is an HTTP request, "
            "`DROP DATABASE ... WITH (FORCE)` and `CREATE DATABASE ... TEMPLATE` (a file copy) on this shared "
            "machine, with operations that finish at once, plus a new TLS connection and SCRAM exchange per "
            f"test. On Neon, pytest-neon's own README gives about {PYTEST_NEON_RESET} s per reset (the compute "
            "restarts) and about 1.5 s of set-up per module; both numbers land in the same range, by chance.",
            "On Neon every statement is a network round trip: ours stays two round trips per test (BEGIN with "
            "its guard, ROLLBACK with the unlock), a reset stays an API call, a compute restart and a new "
            "connection.",
            "Ours connects verify-full with channel binding (a proven connection, once per run); the emulation "
            "connects with the URI's sslmode=require per test, as pytest-neon does. Both reach the branch "
            "through the edge on 127.0.0.1 (PGHOSTADDR/PGPORT), with SNI, TLS and SCRAM.",
            "Session set-up on Neon is dominated by Neon starting the branch's compute (seconds); here the "
            "stand-in's 0.3 s start-up stands for it, so the difference between the rows is the client side.",
            "Branches left after the last round: " + (", ".join(undeleted) or "none") + ".",
        ],
    )
