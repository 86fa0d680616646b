"""The linter never fails on valid Python, loses no finding on deep code, and fixes only what it should."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import hypothesmith
import libcst
import pytest
from hypothesis import HealthCheck, given, settings

from flake8_neon.engine import LintError, fix_source, lint_source
from flake8_neon.rules.weak_sslmode_string import WeakSslmodeString
from flake8_neon.settings import Settings

CHECK_ALL = Settings(check_local_hosts=True)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # generated programs call literals, e.g. 1()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_generated_programs(source: str) -> None:
    try:
        libcst.parse_module(source)
    except (libcst.ParserSyntaxError, RecursionError):
        return  # not valid for libcst: the CLI reports it as a file problem
    lint_source(source, CHECK_ALL)
    fix_source(source, CHECK_ALL)


def test_standard_library_corpus() -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(stdlib.glob("*.py"))[:120] + sorted(stdlib.glob("*/*.py"))[:60]
    checked = 0
    for path in files:
        try:
            source = path.read_text(encoding="utf-8")
            libcst.parse_module(source)
        except (UnicodeDecodeError, libcst.ParserSyntaxError):
            continue
        lint_source(source, CHECK_ALL)
        checked += 1
    assert checked > 100


WEAK = 'DSN = "postgresql://db.example.com/app?sslmode=require"'
FIXED = 'DSN = "postgresql://db.example.com/app?sslmode=verify-full"'


@pytest.mark.parametrize(
    "filler",
    [
        "x = " + " + ".join(["'a'"] * 330),  # a 330-term chain, which CPython compiles
        "x = " + "f(" * 150 + ")" * 150,  # 150 nested calls
        "x = " + "{'k': " * 150 + "1" + "}" * 150,
        "x = " + " + ".join(["'a'"] * 1000),
    ],
    ids=["chain-330", "calls-150", "dicts-150", "chain-1000"],
)
def test_deep_code_is_still_linted_and_fixed(filler: str) -> None:
    source = f"import psycopg\n{filler}\n{WEAK}\n"
    compile(source, "deep.py", "exec")
    assert [(finding.line, finding.code) for finding in lint_source(source, Settings())] == [(3, "NEO101")]
    assert fix_source(source, Settings()) == f"import psycopg\n{filler}\n{FIXED}\n"


def test_a_finding_inside_deep_code_is_kept() -> None:
    source = "import psycopg\nx = " + "f(" * 150 + '"postgresql://db.example.com/app?sslmode=allow"' + ")" * 150 + "\n"
    assert [finding.code for finding in lint_source(source, Settings())] == ["NEO101"]


def test_a_lone_surrogate_does_not_stop_the_file() -> None:
    odd = 'ALSO = "postgresql://db.example.com/\udc80?sslmode=require"'
    source = f'import psycopg\nODD = "\ud800"\n{WEAK}\n{odd}\n'
    findings = lint_source(source, Settings())
    assert [(finding.line, finding.code) for finding in findings] == [(3, "NEO101"), (4, "NEO101")]
    assert findings[1].replacement is None  # a fix would lose the surrogate
    assert fix_source(source, Settings()) == source.replace(WEAK, FIXED)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("import os\n\x0c", "\n"),  # a form feed before a statement
        ("import os\r\n", "\r"),  # a final lone carriage return
        ("\ufeff", "\n"),  # a byte-order mark
        ("def f():\n    pass\n\x0c\n", "  # trailing comment\n\n\n"),
        ("x = (1,\x0c 2)\r", "\r"),
    ],
)
def test_every_byte_outside_the_change_is_kept(before: str, after: str) -> None:
    source = before + WEAK + after
    findings = lint_source(source, Settings())
    assert [finding.code for finding in findings] == ["NEO101"]
    lines = before.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert (findings[0].line, findings[0].column) == (len(lines), len(lines[-1]) + len("DSN = "))
    assert fix_source(source, Settings()) == before + FIXED + after


def test_a_parenthesised_string_keeps_its_layout() -> None:
    source = 'DSN = (\n    "postgresql://db.example.com/app"  # primary\n    "?sslmode=prefer"\n)\n'
    assert fix_source(source, Settings()) == source.replace("prefer", "verify-full")


def test_fixes_are_idempotent_and_apply_whole() -> None:
    source = (
        "import psycopg2\n"
        'A = "host=db.example.com sslmode=require"\n'
        'B = ("host=db.example.com " "sslmode=prefer")\n'
        'conn = psycopg2.connect(A, sslmode="allow")\n'
        "other = psycopg2.connect(A)\n"
    )
    fixed = fix_source(source, Settings())
    assert fixed.count("verify-full") == 3
    assert fix_source(fixed, Settings()) == fixed
    assert all(finding.replacement is None for finding in lint_source(fixed, Settings()))


def test_unparsable_source_and_rule_failures_raise_one_error_type(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LintError, match="not valid Python"):
        lint_source("x = (\n", Settings())

    def broken(self: object, node: object) -> None:
        raise ValueError("postgresql://app:secret@db.example.com/app")

    monkeypatch.setattr(WeakSslmodeString, "visit_SimpleString", broken)
    with pytest.raises(LintError) as caught:
        lint_source(WEAK, Settings())
    assert "secret" not in str(caught.value) and "internal error" in str(caught.value)


@pytest.mark.parametrize(
    "source",
    [
        'def test_url():\n    assert build() == "postgresql://db.example.com/app?sslmode=require"\n',
        "class T(TestCase):\n"
        "    def test(self):\n"
        '        self.assertEqual(parse("host=db.example.com sslmode=prefer"), {"sslmode": "prefer"})\n',
        'MODES = {"postgresql://db.example.com/app?sslmode=require": "weak"}\n',
        "from psycopg import connect\n\n"
        "def connect(dsn, **kwargs):\n"
        "    return (dsn, kwargs)\n\n"
        'connect("postgresql://db.example.com/app?sslmode=require", sslmode="allow")\n',
        'EXPECTED = "host=db.example.com sslmode=disable"\n'
        "def test_make_dsn():\n"
        '    assert make_dsn(host="db.example.com", sslmode="disable") == EXPECTED\n',
    ],
    ids=["assert", "assertEqual", "dict-key", "shadowed-connect", "expected-value"],
)
def test_test_data_is_neither_reported_nor_fixed(source: str) -> None:
    assert lint_source(source, Settings()) == []
    assert fix_source(source, Settings()) == source
