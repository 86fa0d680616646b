"""The project passes its own checks: flake8 with this plugin (.flake8) and mypy (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_project_is_clean_under_its_own_rules() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flake8", "flake8_neon", "pytest_neon_tls", "tests", "examples", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_packages_type_check() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
