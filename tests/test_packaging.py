"""Packaging promises: what each entry point imports, and that both are installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

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


ROOT = Path(__file__).resolve().parents[1]


def test_make_installs_missing_servers_on_debian_as_root_or_says_how() -> None:
    """``make test`` installs PostgreSQL and PgBouncer when they are missing (dry run: APT_GET=echo)."""
    if shutil.which("make") is None:
        pytest.fail("make is missing: the README's set-up commands need it (Debian: apt-get install -y make)")
    env = {**os.environ, "NEON_TLS_PG_BINDIR": "/nonexistent"}
    result = subprocess.run(
        ["make", "--no-print-directory", "postgresql", "pgbouncer", "PGBOUNCER=/nonexistent", "APT_GET=echo apt-get"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if os.geteuid() == 0 and Path("/etc/debian_version").exists():
        assert result.returncode == 0, result.stdout + result.stderr
        assert "apt-get install -y -qq postgresql" in result.stdout
        assert "apt-get install -y -qq pgbouncer" in result.stdout
    else:
        assert result.returncode != 0
        assert "Install it: as root on Debian/Ubuntu apt-get install -y postgresql" in result.stdout
