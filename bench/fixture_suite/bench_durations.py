"""pytest plugin (``-p bench_durations``) that records pytest's own phase durations.

For every test it stores the ``setup``, ``call`` and ``teardown`` durations that pytest
measured (``TestReport.duration``) and writes them as JSON to the file named by the
``BENCH_DURATIONS_OUT`` environment variable at the end of the session.
"""

from __future__ import annotations

import json
import os

import pytest

_durations: dict[str, dict[str, float]] = {}
_outcomes: dict[str, str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the duration of each phase of each test, and the first failure seen."""
    _durations.setdefault(report.nodeid, {})[report.when] = report.duration
    if report.failed and report.nodeid not in _outcomes:
        _outcomes[report.nodeid] = f"{report.when} failed: {report.longreprtext[-2000:]}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Dump the recorded durations, in run order, to ``$BENCH_DURATIONS_OUT``."""
    with open(os.environ["BENCH_DURATIONS_OUT"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "exitstatus": int(exitstatus),
                "tests": [{"nodeid": nodeid, **phases} for nodeid, phases in _durations.items()],
                "failures": _outcomes,
            },
            out,
        )
