"""This repository's pre-commit hooks, installed and run by a real ``pre-commit try-repo``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_lint_and_fix_hooks(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    git("init", "-q", cwd=project)
    (project / "app.py").write_text('URL = "postgresql://db.example.com/app?sslmode=require"\n')
    git("add", "app.py", cwd=project)
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO_ROOT), hook, "--all-files"],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=600,
            env=env_home,
        )

    lint = try_repo("flake8-neon")
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert "NEO101" in lint.stdout
    fix = try_repo("flake8-neon-fix")
    assert fix.returncode == 1, fix.stdout + fix.stderr  # files were modified
    assert (project / "app.py").read_text() == 'URL = "postgresql://db.example.com/app?sslmode=verify-full"\n'
    assert try_repo("flake8-neon").returncode == 0
