"""The labelled evaluation corpus: connection code and configuration as people write them.

``corpus/`` holds Python modules (settings, engines, pools, helpers, test data) and
configuration files (.env, compose, workflows, Kubernetes, Helm, INI, TOML, JSON, Dockerfiles,
shell scripts, Procfiles, service files), written after real public code. ``labels.toml``
lists, for every file, the findings libpq's and the drivers' real behaviour call for, as
``"LINE CODE"``; ``[]`` marks a clean file. The labels were written by hand before the linter
ran on the files.

The standalone command and the flake8 plugin each run once over a copy of the corpus; every
file must give exactly its labels (a missed label and any other finding both fail), and the
recall and precision per kind and code are printed at the end of the session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
LABELS: dict[str, list[str]] = tomllib.loads((HERE / "labels.toml").read_text())

Finding = tuple[int, str]


def _expected(path: str) -> set[Finding]:
    return {(int(line), code) for line, code in (label.split() for label in LABELS[path])}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus outside the repository, so that none of its configuration applies."""
    copy = tmp_path_factory.mktemp("evaluation") / "corpus"
    shutil.copytree(CORPUS, copy)
    return copy


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def cli_findings(corpus: Path) -> dict[str, set[Finding]]:
    result = _run(["-m", "flake8_neon", "--format", "json", "."], corpus)
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, set[Finding]] = {}
    for finding in json.loads(result.stdout):
        found.setdefault(Path(finding["path"]).as_posix(), set()).add((finding["line"], finding["code"]))
    return found


@pytest.fixture(scope="module")
def flake8_findings(corpus: Path) -> dict[str, set[Finding]]:
    result = _run(["-m", "flake8", "--select", "NEO", "--format", "%(path)s\t%(row)d\t%(code)s", "python"], corpus)
    assert result.returncode in (0, 1), result.stderr
    found: dict[str, set[Finding]] = {}
    for line in result.stdout.splitlines():
        path, row, code = line.split("\t")
        found.setdefault(Path(path).as_posix(), set()).add((int(row), code))
    return found


def test_every_file_is_labelled() -> None:
    files = {path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*") if path.is_file()}
    assert files == set(LABELS)
    assert len([path for path in files if path.startswith("python/")]) >= 100
    assert len([path for path in files if path.startswith("config/")]) >= 60


@pytest.mark.parametrize("path", sorted(LABELS))
def test_the_command_reports_exactly_the_labels(path: str, cli_findings: dict[str, set[Finding]]) -> None:
    assert sorted(cli_findings.get(path, set())) == sorted(_expected(path))


@pytest.mark.parametrize("path", sorted(path for path in LABELS if path.endswith(".py")))
def test_flake8_reports_exactly_the_labels(path: str, flake8_findings: dict[str, set[Finding]]) -> None:
    assert sorted(flake8_findings.get(path, set())) == sorted(_expected(path))


def test_score(cli_findings: dict[str, set[Finding]], evaluation_scores: list[str]) -> None:
    """Recall and precision per kind (python, config) and code: both must be 100%."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for path in sorted(LABELS.keys() | cli_findings.keys()):
        kind = path.split("/")[0]
        expected, found = _expected(path) if path in LABELS else set(), cli_findings.get(path, set())
        for outcome, findings in (("hit", expected & found), ("miss", expected - found), ("wrong", found - expected)):
            for _, code in findings:
                counts[kind, code, outcome] += 1
                counts[kind, "all", outcome] += 1
    lines = []
    for kind, code in sorted({(kind, code) for kind, code, _ in counts}):
        hit, miss, wrong = (counts[kind, code, outcome] for outcome in ("hit", "miss", "wrong"))
        recall = hit / (hit + miss) if hit + miss else 1.0
        precision = hit / (hit + wrong) if hit + wrong else 1.0
        lines.append(
            f"{kind:7} {code:7} found {hit:3}  missed {miss:2}  false {wrong:2}  "
            f"recall {recall:6.1%}  precision {precision:6.1%}"
        )
    evaluation_scores[:] = lines
    assert all(counts[kind, "all", outcome] == 0 for kind in ("python", "config") for outcome in ("miss", "wrong")), (
        "\n".join(lines)
    )
