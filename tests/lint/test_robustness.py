"""The rules never raise on valid Python: generated programs and the standard library."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import hypothesmith
import libcst
import pytest
from hypothesis import HealthCheck, given, settings

from flake8_neon.engine import fix_source, lint_source
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
