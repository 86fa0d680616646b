"""The standalone CLI: --fix round trip, --diff, formats, configuration, and files it cannot check."""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

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


def test_code_nested_deeper_than_libcst_recurses_is_fully_checked(tmp_path: Path, neon) -> None:
    depth = 150  # CPython compiles it; libcst's parser needs more than the default recursion limit
    (tmp_path / "deep.py").write_text(
        'DSN = "postgresql://db.example.com/app?sslmode=require"\n'
        'QUIET = "postgresql://db.example.com/app?sslmode=disable"  # noqa: NEO101\n'
        f"x = {'f(' * depth}1{')' * depth}\n"
    )
    (tmp_path / "good.env").write_text("PGSSLMODE=prefer\n")
    result = neon(".")
    assert result.returncode == 1, result.stdout + result.stderr
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        ["./deep.py:1:7:", "NEO101"],
        ["./good.env:1:11:", "NEO108"],
    ]


def test_a_file_the_engine_cannot_lint_still_gets_its_strings_judged(tmp_path: Path, monkeypatch) -> None:
    """The last resort when libcst fails on code CPython took: the strings, judged from the ast tree."""
    from flake8_neon import engine, runner
    from flake8_neon.files import Source
    from flake8_neon.findings import LintError

    def fail(source: str, settings: object) -> None:
        raise LintError("not valid Python for libcst at line 3, column 1: (a parser gap)")

    monkeypatch.setattr(engine, "lint_source", fail)
    path = tmp_path / "app.py"
    text = 'DSN = "postgresql://db.example.com/app?sslmode=require"\nOK = "postgresql://localhost/app"\n'
    path.write_text(text)
    result = runner._python(str(path), Source(text, "utf-8", "strict"), runner.RunOptions())
    assert [(report.line, report.code) for report in result.reports] == [(0, None), (1, "NEO101")]
    assert result.reports[0].message.endswith("only its connection strings were checked, not its calls and settings")


def test_noqa_names_the_codes_it_silences(tmp_path: Path, neon) -> None:
    (tmp_path / "app.py").write_text('DSN = "postgresql://db.example.com/app?sslmode=require"  # noqa: NEO102\n')
    assert "NEO101" in neon("app.py").stdout


def test_explain_prints_the_full_explanation(tmp_path: Path, neon) -> None:
    from flake8_neon.rules import RULES

    result = neon("--explain", "neo101")
    assert result.returncode == 0
    assert result.stdout.startswith("NEO101 (WeakSslmodeString)\n\n")
    assert inspect.cleandoc(RULES[0].__doc__ or "") in result.stdout
    assert "could not check this file" in neon("--explain", "NEO100").stdout
    unknown = neon("--explain", "E501")
    assert unknown.returncode == 2 and "unknown code 'E501'" in unknown.stderr


def test_sarif_carries_help_and_percent_encoded_uris(tmp_path: Path, neon) -> None:
    (tmp_path / "my app#1.py").write_text('DSN = "postgresql://db.example.com/app?sslmode=require"\n')
    sarif = json.loads(neon("--format", "sarif", "my app#1.py").stdout)
    run = sarif["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20app%231.py"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert "verify-full" in rules["NEO101"]["help"]["text"] and rules["NEO101"]["fullDescription"]["text"]
    absolute = json.loads(neon("--format", "sarif", str(tmp_path / "my app#1.py")).stdout)
    location = absolute["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert location == (tmp_path / "my app#1.py").as_uri() and "%20" in location


def test_fifo_device_huge_and_binary_files_are_skipped(tmp_path: Path, neon) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "device.env").symlink_to("/dev/zero")
    (tmp_path / "huge.py").write_text("x = 1\n" * 400_000 + 'DSN = "postgresql://db.example.com/app?sslmode=require"\n')
    (tmp_path / "image.conf").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00postgresql://db.example.com/a?sslmode=disable")
    (tmp_path / "package-lock.json").write_text('{"x": "postgresql://db.example.com/a"}' + " " * 2_100_000)
    (tmp_path / "good.env").write_text("DATABASE_URL=postgresql://db.example.com/app?sslmode=require\n")
    result = neon(".")  # a FIFO or /dev/zero that was read would hang the run or fill memory
    assert result.returncode == 1
    assert result.stdout.startswith("./good.env:1:14: NEO101")
    assert len(result.stdout.splitlines()) == 1
    assert "pipe.py: skipped: not a regular file (a FIFO)" in result.stderr
    assert "device.env: skipped: not a regular file (a character device)" in result.stderr
    assert "huge.py: skipped: 2.4 MB is above the 2 MB limit of checked files" in result.stderr
    assert "image.conf" not in result.stderr and "package-lock.json" not in result.stderr
    verbose = neon("-v", ".").stderr
    assert "image.conf: skipped: binary file" in verbose
    assert "package-lock.json: skipped: 2.1 MB is above the 2 MB limit" in verbose


def test_fix_keeps_owner_group_and_hard_links(tmp_path: Path, neon) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root, to give a file to another user")
    owned = tmp_path / "owned.py"
    owned.write_text('URL = "postgresql://db.example.com/app?sslmode=require"\n')
    os.chown(owned, 65534, 65534)
    owned.chmod(0o604)
    original = tmp_path / "original.env"
    original.write_text("PGSSLMODE=require\n")
    os.link(original, tmp_path / "linked.env")
    assert neon("--fix", "owned.py", "original.env").returncode == 0
    status = owned.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (65534, 65534, 0o604)
    assert "verify-full" in owned.read_text()
    assert (tmp_path / "linked.env").read_text() == "PGSSLMODE=verify-full\n"
    assert original.stat().st_ino == (tmp_path / "linked.env").stat().st_ino


def test_read_only_directory_says_what_failed_and_keeps_the_findings(tmp_path: Path, neon) -> None:
    if os.geteuid() != 0 or shutil.which("chattr") is None:
        pytest.skip("needs root and chattr, to make a directory read-only even for root")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "app.py").write_text('URL = "postgresql://db.example.com/app?sslmode=require"\n')
    (locked / ".env").write_text("PGSSLMODE=prefer\n")
    subprocess.run(["chattr", "+i", str(locked)], check=True)
    try:
        result = neon("--fix", "locked")
    finally:
        subprocess.run(["chattr", "-i", str(locked)], check=True)
    assert result.returncode == 2
    assert "internal error" not in result.stdout
    lines = result.stdout.splitlines()
    for name, code in (("app.py", "NEO101"), (".env", "NEO108")):
        assert f"locked/{name}: error: cannot write the fixed file: cannot create a temporary file in" in result.stdout
        assert any(line.startswith(f"locked/{name}:1:") and code in line for line in lines), result.stdout
    assert "Operation not permitted (its findings are reported unfixed)" in result.stdout
