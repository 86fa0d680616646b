"""Helpers for the flake8_neon tests: run the real flake8 and the real CLI in subprocesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python <args>`` in ``cwd`` and capture its output."""
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture
def python():
    """Run ``python <args>`` in a directory: ``python(*args, cwd=path)``."""
    return run


@pytest.fixture
def flake8(tmp_path: Path):
    """Run ``python -m flake8 --select NEO`` in a temporary directory."""

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        return run("-m", "flake8", "--select", "NEO", *args, cwd=tmp_path)

    return invoke


@pytest.fixture
def neon(tmp_path: Path):
    """Run ``python -m flake8_neon`` in a temporary directory."""

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        return run("-m", "flake8_neon", *args, cwd=tmp_path)

    return invoke
