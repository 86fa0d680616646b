"""examples/lint: every bad_* file (Python or configuration) is reported, every good_* one is clean (real CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples" / "lint"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("bad_*")), ids=lambda path: path.name)
def test_bad_example_has_findings(path, python) -> None:
    result = python("-m", "flake8_neon", "--format", "json", str(path), cwd=REPO_ROOT)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("good_*")), ids=lambda path: path.name)
def test_good_example_is_clean(path, python) -> None:
    result = python("-m", "flake8_neon", str(path), cwd=REPO_ROOT)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
