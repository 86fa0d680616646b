"""Neither the API key nor a branch's password appears in any output of a run with ``--neon-branch``.

The inner tests do their worst: print both, log both, hold them in locals of a failing test shown
with ``-vv --showlocals``, record them as junit properties. Every output is read back: terminal,
junit XML, the log file; in one process and under pytest-xdist (workers print through the
controller).
"""

from __future__ import annotations

import pytest
from session_run import BranchRun

LEAKY_TESTS = """
import logging
import os

log = logging.getLogger("app")


def test_everything_leaks(neon_target, neon_dsn, neon_conn, neon_branch, record_property):
    key = os.environ["NEON_API_KEY"]
    password = neon_target.conninfo.params["password"]
    own_password = neon_branch.target.conninfo.params["password"]
    uri = str(neon_dsn)
    print("KEY", key, "URI", uri, "PASSWORD", password, own_password)
    log.warning("key %s uri %s", key, uri)
    record_property("uri", uri)
    record_property("key", key)
    assert (key, password) == (uri, own_password)


def test_neon_says_no(neon_conn):
    neon_conn.execute("SELECT 1 FROM nowhere WHERE 'x' = %s", [os.environ["NEON_API_KEY"]])
"""


@pytest.mark.parametrize("workers", [(), ("-n", "2")], ids=["one process", "xdist"])
def test_no_key_or_password_in_any_output(branch_run: BranchRun, workers: tuple[str, ...]) -> None:
    pytester = branch_run.pytester
    pytester.makepyfile(test_inner=LEAKY_TESTS)
    junit, log_file = pytester.path / "junit.xml", pytester.path / "run.log"
    result = branch_run.run(
        "-vv",
        "--showlocals",
        "-rA",
        "--log-level=DEBUG",
        f"--junitxml={junit}",
        f"--log-file={log_file}",
        "--log-file-level=DEBUG",
        *workers,
        subprocess=bool(workers),
    )
    result.assert_outcomes(failed=2)
    outputs = {
        "stdout": result.stdout.str(),
        "stderr": result.stderr.str(),
        "junit": junit.read_text(),
        "log file": log_file.read_text() if log_file.exists() else "",
    }
    assert "KEY **** URI postgresql://neondb_owner:****@ep-" in outputs["stdout"]  # the test did print them
    for name, text in outputs.items():
        assert branch_run.api_key not in text, name
        assert branch_run.branch_password not in text, name
    assert branch_run.branches() == []
