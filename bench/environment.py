"""Cached benchmark environment: isolated venvs for every contender and the lint corpora.

Everything lives under ``bench/.cache`` (git-ignored).  Each venv is rebuilt only
when its requirement list changes; an install that fails is remembered with its
error so the report can say *why* a contender is missing instead of dropping it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
CACHE_DIR = BENCH_DIR / ".cache"
VENVS_DIR = CACHE_DIR / "venvs"
CORPORA_DIR = CACHE_DIR / "corpora"
RESULTS_DIR = CACHE_DIR / "results"

# flake8 and its default plugins, pinned identically in the "bare" and "neon" venvs
# so that the only difference between them is the NEO entry point.
FLAKE8_PINS = ["flake8==7.5.0", "pycodestyle==2.15.0", "pyflakes==4.1.0", "mccabe==0.7.0"]
PROJECT = f"-e {REPO_ROOT}"


@dataclass(frozen=True)
class VenvSpec:
    """A venv made of independent install steps (one failing step does not hide the others)."""

    name: str
    steps: tuple[tuple[str, ...], ...]


VENV_SPECS: dict[str, VenvSpec] = {
    spec.name: spec
    for spec in (
        VenvSpec("flake8-bare", (tuple(FLAKE8_PINS),)),
        VenvSpec("flake8-neon", (tuple(FLAKE8_PINS), ("libcst==1.9.0",), (PROJECT,))),
        VenvSpec("fixit", (("fixit==2.2.1",),)),
        VenvSpec("ruff", (("ruff==0.17.6",),)),
        VenvSpec("semgrep", (("semgrep==1.185.0",),)),
        VenvSpec(
            "fixture",
            (
                ("pytest==9.2.0", "psycopg[binary]==3.3.9", "trustme==1.2.1", "libcst==1.9.0"),
                ("pytest-postgresql==10.0.0",),
                (PROJECT,),
            ),
        ),
    )
}

WHEEL_CORPORA: dict[str, str] = {"django": "django==5.2.8", "sqlalchemy": "sqlalchemy==2.1.9"}


@dataclass(frozen=True)
class VenvStatus:
    """Outcome of preparing one venv: its interpreter and the install steps that failed."""

    name: str
    python: Path
    failures: dict[str, str]

    def bin(self, program: str) -> Path:
        """Path of a console script installed in this venv."""
        return self.python.parent / program

    def failure_for(self, requirement_prefix: str) -> str | None:
        """Error text of the failed step that mentions ``requirement_prefix``, if any."""
        for step, error in self.failures.items():
            if requirement_prefix in step:
                return error
        return None


def _spec_digest(spec: VenvSpec) -> str:
    """Changes when the requirements, the interpreter or (for venvs with the project) pyproject.toml do."""
    parts = [repr(spec.steps), sys.version]
    if any(PROJECT in step for step in spec.steps):
        parts.append((REPO_ROOT / "pyproject.toml").read_text())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def ensure_venv(name: str) -> VenvStatus:
    """Create (or reuse) the venv ``name`` and return its status."""
    spec = VENV_SPECS[name]
    root = VENVS_DIR / name
    marker = root / "bench-status.json"
    digest = _spec_digest(spec)
    if marker.exists():
        recorded = json.loads(marker.read_text())
        if recorded["digest"] == digest:
            return VenvStatus(name, root / "bin" / "python", recorded["failures"])
    print(f"[env] building venv {name} ...", flush=True)
    venv.EnvBuilder(clear=True, with_pip=True).create(root)
    python = root / "bin" / "python"
    failures: dict[str, str] = {}
    for step in spec.steps:
        args = [arg for requirement in step for arg in requirement.split()]
        proc = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            failures[" ".join(step)] = (proc.stderr.strip().splitlines() or ["pip failed"])[-1]
            print(f"[env]   {name}: could not install {' '.join(step)}: {failures[' '.join(step)]}")
    marker.write_text(json.dumps({"digest": digest, "failures": failures}))
    return VenvStatus(name, python, failures)


def _download_wheel_sources(requirement: str, target: Path) -> None:
    download_dir = CACHE_DIR / "wheels"
    download_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-d",
            str(download_dir),
            requirement,
        ],
        check=True,
    )
    dist, version = requirement.split("==")
    wheel = next(
        path
        for path in sorted(download_dir.glob("*.whl"))
        if path.name.lower().startswith(f"{dist.lower()}-{version}-")
    )
    with zipfile.ZipFile(wheel) as archive:
        for member in archive.namelist():
            if member.endswith(".py"):
                archive.extract(member, target)


def ensure_wheel_corpus(name: str) -> Path:
    """Unpacked ``.py`` sources of a published wheel (Django, SQLAlchemy), downloaded once."""
    target = CORPORA_DIR / name
    done = target / ".complete"
    if not done.exists():
        print(f"[env] downloading corpus {WHEEL_CORPORA[name]} ...", flush=True)
        _download_wheel_sources(WHEEL_CORPORA[name], target)
        done.write_text(WHEEL_CORPORA[name])
    return target
