"""This repository's pre-commit hooks, installed and run by a real ``pre-commit try-repo``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
WEAK = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=require&channel_binding=require"
FILES = {
    "app.py": 'URL = "postgresql://db.example.com/app?sslmode=require"\n',
    ".env": f"DATABASE_URL={WEAK}\n",
    "compose.yaml": "services:\n  web:\n    environment:\n      PGSSLMODE: prefer\n",
    ".github/workflows/ci.yml": f"on: push\njobs:\n  test:\n    env:\n      DATABASE_URL: '{WEAK}'\n",
    "README.md": f"`{WEAK}` is what the console shows.\n",
}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_try_repo_lint_and_fix_hooks(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text)
    git("init", "-q", cwd=project)
    git("add", ".", cwd=project)
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
    for location in ("app.py:1:7: NEO101", ".env:1:14: NEO101", "compose.yaml:4:18: NEO108", "ci.yml:5:22: NEO101"):
        assert location in lint.stdout, lint.stdout
    assert "README.md" not in lint.stdout
    fix = try_repo("flake8-neon-fix")
    assert fix.returncode == 1, fix.stdout + fix.stderr  # files were modified
    assert (project / "app.py").read_text() == 'URL = "postgresql://db.example.com/app?sslmode=verify-full"\n'
    assert (project / ".env").read_text() == f"DATABASE_URL={WEAK.replace('require&', 'verify-full&')}\n"
    assert (project / "compose.yaml").read_text() == FILES["compose.yaml"].replace("prefer", "verify-full")
    assert "sslmode=verify-full&channel_binding" in (project / ".github/workflows/ci.yml").read_text()
    assert (project / "README.md").read_text() == FILES["README.md"]
    final = try_repo("flake8-neon")
    assert final.returncode == 0, final.stdout
