"""The evaluation corpus is data for the linter, not tests: pytest does not collect it."""

from __future__ import annotations

import pytest

collect_ignore = ["corpus"]

#: The score lines of the last evaluation run, printed at the end of the session.
SCORES: list[str] = []


@pytest.fixture(scope="session")
def evaluation_scores() -> list[str]:
    """Where the evaluation writes its score lines, for the terminal summary."""
    return SCORES


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCORES:
        terminalreporter.section("flake8-neon on the labelled evaluation corpus")
        for line in SCORES:
            terminalreporter.write_line(line)
