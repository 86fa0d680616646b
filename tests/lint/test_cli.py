"""The standalone CLI: --fix round trip, --diff, formats, configuration, and files it cannot check."""

from __future__ import annotations

import json
from pathlib import Path

BAD = """import psycopg

URL = "postgresql://app@db.example.com/app?sslmode=require"  # the main database
KEYWORDS = 'host=db.example.com dbname=app'
conn = psycopg.connect(URL, sslmode="prefer")
quiet = "postgresql://db.example.com/x?sslmode=allow"  # noqa: NEO101
dynamic = f"postgresql://{host}/app?sslmode=require"
reports = psycopg.connect(URL)  # URL's own sslmode applies here
"""


def test_fix_round_trip(tmp_path: Path, neon) -> None:
    path = tmp_path / "app.py"
    path.write_text(BAD)
    result = neon("--fix", "app.py")
    fixed = path.read_text()
    assert 'URL = "postgresql://app@db.example.com/app?sslmode=verify-full"  # the main database' in fixed
    assert "KEYWORDS = 'host=db.example.com dbname=app sslmode=verify-full'" in fixed
    assert 'sslmode="verify-full")' in fixed
    assert 'sslmode=allow"  # noqa: NEO101' in fixed
    assert 'f"postgresql://{host}/app?sslmode=require"' in fixed
    assert result.returncode == 1  # the f-string cannot be fixed automatically
    assert [line.split(" ")[1] for line in result.stdout.splitlines()] == ["NEO101"]
    again = neon("--fix", "app.py")
    assert path.read_text() == fixed
    assert again.stdout == result.stdout


def test_diff_changes_nothing(tmp_path: Path, neon) -> None:
    path = tmp_path / "app.py"
    path.write_text(BAD)
    result = neon("--diff", "app.py")
    assert path.read_text() == BAD
    assert '+URL = "postgresql://app@db.example.com/app?sslmode=verify-full"' in result.stdout
    assert result.returncode == 1


def test_json_and_sarif(tmp_path: Path, neon) -> None:
    (tmp_path / "app.py").write_text(BAD)
    reports = json.loads(neon("--format", "json", "app.py").stdout)
    assert {(r["line"], r["code"], r["fixable"]) for r in reports} >= {(3, "NEO101", True), (5, "NEO103", True)}
    sarif = json.loads(neon("--format", "sarif", "app.py").stdout)
    assert sarif["version"] == "2.1.0"
    assert {result["ruleId"] for result in sarif["runs"][0]["results"]} == {"NEO101", "NEO102", "NEO103"}


def test_pyproject_configuration(tmp_path: Path, neon) -> None:
    (tmp_path / "app.py").write_text(BAD)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.flake8-neon]\nignore = ["NEO101", "NEO103"]\ncheck-missing-sslmode = false\n'
    )
    assert (neon("app.py").returncode, neon("app.py").stdout) == (0, "")
    (tmp_path / "pyproject.toml").write_text('[tool.flake8-neon]\ncheck-missing-sslmode = "perhaps"\n')
    result = neon("app.py")
    assert result.returncode == 2 and "check-missing-sslmode: expected true or false" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.flake8-neon]\nlocal-host = ["db"]\n')
    assert "unknown key(s) in [tool.flake8-neon]: local-host" in neon("app.py").stderr


def test_local_hosts_option(tmp_path: Path, neon) -> None:
    (tmp_path / "app.py").write_text('URL = "postgresql://db/app"\n')
    assert neon("app.py").returncode == 1
    assert neon("--local-hosts", "db", "app.py").returncode == 0


def test_files_that_cannot_be_checked(tmp_path: Path, neon) -> None:
    (tmp_path / "broken.py").write_text('URL = "postgresql://db.example.com/app"\nx = (\n')
    (tmp_path / "latin.py").write_bytes(b'URL = "postgresql://db.example.com/\xff"\n')
    (tmp_path / "gone.py").symlink_to(tmp_path / "missing-target.py")
    (tmp_path / "good.py").write_text('URL = "postgresql://db.example.com/app?sslmode=require"\n')
    result = neon(".")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    out = result.stdout
    assert "broken.py: error: not valid Python at line" in out
    assert "latin.py: error: cannot decode file" in out
    assert "gone.py: error: cannot read file: No such file or directory" in out
    assert "good.py:1:7: NEO101" in out


def test_fix_keeps_the_file_itself(tmp_path: Path, neon) -> None:
    real = tmp_path / "real.py"
    real.write_bytes(b'URL = "postgresql://db.example.com/app?sslmode=require"\r\n')
    real.chmod(0o640)
    (tmp_path / "link.py").symlink_to(real)
    result = neon("--fix", "link.py")
    assert result.returncode == 0, result.stdout
    assert (tmp_path / "link.py").is_symlink()
    assert real.read_bytes() == b'URL = "postgresql://db.example.com/app?sslmode=verify-full"\r\n'
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(path.name for path in tmp_path.iterdir()) == ["link.py", "real.py"]  # no temporary left
