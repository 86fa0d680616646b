"""Packaging promises: what each entry point imports, and that both are installed."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest


def _modules_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in result.stdout.split()}


@pytest.mark.parametrize(
    "statement",
    [
        "import flake8_neon",
        "import flake8_neon.conninfo",
        "from flake8_neon.checker import NeonChecker",
    ],
)
def test_the_linter_starts_without_pytest_psycopg_or_libcst(statement: str) -> None:
    assert not _modules_after(statement) & {"pytest", "psycopg", "libcst"}


def test_the_pytest_plugin_loads_without_importing_psycopg() -> None:
    assert "psycopg" not in _modules_after("import pytest_neon_tls.plugin")


def test_entry_points_are_registered() -> None:
    assert {ep.value for ep in entry_points(group="flake8.extension") if ep.name == "NEO"} == {
        "flake8_neon.checker:NeonChecker"
    }
    assert {ep.value for ep in entry_points(group="pytest11") if ep.name == "neon_tls"} == {"pytest_neon_tls.plugin"}
