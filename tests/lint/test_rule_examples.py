"""Every rule's own VALID and INVALID examples, with their expected fixes."""

from __future__ import annotations

import ast

import pytest

from flake8_neon.engine import fix_source, lint_source
from flake8_neon.prefilter import may_contain_findings
from flake8_neon.rules import RULES
from flake8_neon.settings import Settings

VALID = [pytest.param(rule, code, id=f"{rule.CODE}-valid-{n}") for rule in RULES for n, code in enumerate(rule.VALID)]
INVALID = [
    pytest.param(rule, example, id=f"{rule.CODE}-invalid-{n}")
    for rule in RULES
    for n, example in enumerate(rule.INVALID)
]


def test_codes_are_unique_and_documented() -> None:
    codes = [rule.CODE for rule in RULES]
    assert len(set(codes)) == len(codes)
    for rule in RULES:
        assert rule.__doc__ and rule.VALID and rule.INVALID, rule.__name__


@pytest.mark.parametrize(("rule", "code"), VALID)
def test_valid_example_gives_no_finding(rule, code: str) -> None:
    assert [finding.text for finding in lint_source(code, Settings())] == []


@pytest.mark.parametrize(("rule", "example"), INVALID)
def test_invalid_example_is_reported_and_fixed(rule, example) -> None:
    findings = lint_source(example.code, Settings())
    assert rule.CODE in {finding.code for finding in findings}
    assert may_contain_findings(example.code, ast.parse(example.code)), "the prefilter would skip this file"
    fixed = fix_source(example.code, Settings())
    assert fixed == (example.fixed if example.fixed is not None else example.code)
    if example.fixed is not None:
        remaining = {finding.code for finding in lint_source(fixed, Settings())}
        assert rule.CODE not in remaining
        assert fix_source(fixed, Settings()) == fixed, "a second fix must change nothing"
