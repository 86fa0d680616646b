"""The plugin through a real ``python -m flake8`` run: codes, positions, noqa, config files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = """import psycopg

WEAK = "postgresql://app@db.example.com/app?sslmode=require"
QUIET = "postgresql://app@db.example.com/app?sslmode=require"  # noqa: NEO101
OTHER = "postgresql://app@db.example.com/app?sslmode=prefer"  # noqa: E501
conn = psycopg.connect(host="db.example.com", dbname="app")
"""


def write(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(SOURCE)


def lines(output: str) -> list[str]:
    return [line.split(" ", 1)[0] + " " + line.split(" ", 2)[1] for line in output.splitlines()]


def test_codes_positions_and_noqa(tmp_path: Path, flake8) -> None:
    write(tmp_path)
    result = flake8("app.py")
    assert result.returncode == 1, result.stderr
    assert lines(result.stdout) == ["app.py:3:8: NEO101", "app.py:5:9: NEO101", "app.py:6:8: NEO106"]


@pytest.mark.parametrize("config", ["setup.cfg", "tox.ini", ".flake8"])
def test_options_from_config_files(tmp_path: Path, flake8, config: str) -> None:
    write(tmp_path)
    (tmp_path / config).write_text("[flake8]\nneon-check-missing-sslmode = false\nneon-local-hosts = *.example.com\n")
    assert lines(flake8("app.py").stdout) == []
    (tmp_path / config).write_text("[flake8]\nneon-check-missing-sslmode = false\n")
    assert lines(flake8("app.py").stdout) == ["app.py:3:8: NEO101", "app.py:5:9: NEO101"]


def test_bad_option_value_is_a_clear_error(tmp_path: Path, flake8) -> None:
    write(tmp_path)
    (tmp_path / "setup.cfg").write_text("[flake8]\nneon-check-missing-sslmode = sometimes\n")
    result = flake8("app.py")
    assert result.returncode != 0
    assert "--neon-check-missing-sslmode: expected true or false, got 'sometimes'" in result.stderr
    assert "Traceback" not in result.stderr


def test_per_file_ignores_and_exclude(tmp_path: Path, flake8) -> None:
    write(tmp_path)
    assert flake8("--per-file-ignores", "app.py:NEO101", "app.py").stdout.count("NEO101") == 0
    assert flake8("--exclude", "app.py", ".").stdout == ""


def test_deeply_nested_code_is_fully_checked_and_the_run_goes_on(tmp_path: Path, flake8) -> None:
    write(tmp_path)
    depth = 150  # CPython and pyflakes take it; libcst needs more than the default recursion limit
    (tmp_path / "nested.py").write_text(
        'import psycopg\nDSN = "postgresql://db.example.com/app?sslmode=require"\nx = '
        + "f(" * depth
        + "1"
        + ")" * depth
        + "\n"
    )
    result = flake8(".")
    assert "Traceback" not in result.stderr and "failed during execution" not in result.stdout + result.stderr
    assert "NEO100" not in result.stdout
    assert "./nested.py:2:7: NEO101" in result.stdout
    assert lines(result.stdout)[:3] == ["./app.py:3:8: NEO101", "./app.py:5:9: NEO101", "./app.py:6:8: NEO106"]


def test_a_file_libcst_cannot_lint_is_one_finding_and_its_strings_are_judged(monkeypatch) -> None:
    """The last resort when libcst fails on code flake8 parsed: NEO100, then the strings from the ast tree."""
    import ast

    from flake8_neon import engine
    from flake8_neon.checker import NeonChecker
    from flake8_neon.findings import LintError

    def fail(source: str, settings: object) -> None:
        raise LintError("not valid Python for libcst at line 3, column 1: (a parser gap)")

    monkeypatch.setattr(engine, "lint_source", fail)
    source = 'import psycopg\nDSN = "postgresql://db.example.com/app?sslmode=require"\n'
    found = [(line, text.split()[0]) for line, _, text, _ in NeonChecker(ast.parse(source), [source], "app.py").run()]
    assert found == [(1, "NEO100"), (2, "NEO101")]


def test_options_come_from_the_shared_table(tmp_path: Path, flake8) -> None:
    from flake8_neon.settings import OPTIONS

    help_text = " ".join(flake8("--help").stdout.split())
    for option in OPTIONS:
        assert option.flake8_flag in help_text
        assert " ".join(option.help.split()[1:4]) in help_text


def test_a_huge_file_is_one_finding_instead_of_minutes_of_parsing() -> None:
    from flake8_neon.checker import NeonChecker
    from flake8_neon.unchecked import MAX_FILE_BYTES

    source = "import psycopg\n" + "x = 1\n" * (MAX_FILE_BYTES // 6) + 'DSN = "postgresql://db.example.com/a"\n'
    checker = NeonChecker(ast.parse(source), source.splitlines(keepends=True), "huge.py")
    ((line, column, text, _),) = list(checker.run())
    assert (line, column, text) == (1, 0, "NEO100 file not checked: larger than 2 MB")
