"""Run every rule over one source text, and apply their fixes."""

from __future__ import annotations

import re
from collections.abc import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_neon.context import FactsCollector, FileContext, Finding
from flake8_neon.rules import MISSING_SSLMODE_CODES, RULES
from flake8_neon.settings import Settings

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z][0-9]+(?:[,\s]+[A-Z][0-9]+)*))?", re.IGNORECASE)


def lint_source(source: str, settings: Settings) -> list[Finding]:
    """Every finding in ``source``, sorted by position (``# noqa`` is not applied here).

    Raises ``libcst.ParserSyntaxError`` when the source is not valid Python.
    """
    return _analyze(source, settings)[1]


def fix_source(source: str, settings: Settings) -> str:
    """``source`` with every fixable finding fixed, except those on ``# noqa`` lines."""
    module, findings = _analyze(source, settings)
    lines = source.splitlines()
    replacements = {
        id(finding.node): finding.replacement
        for finding in findings
        if finding.replacement is not None and not is_suppressed(finding, lines)
    }
    if not replacements:
        return source
    return module.visit(_Replace(replacements)).code


def is_suppressed(finding: Finding, lines: Sequence[str]) -> bool:
    """True when a ``# noqa`` comment on the finding's lines covers its code, as in flake8."""
    for line in lines[finding.line - 1 : finding.end_line]:
        match = _NOQA.search(line)
        if match is None:
            continue
        codes = match.group("codes")
        if codes is None:
            return True
        if any(finding.code.startswith(code.upper()) for code in re.split(r"[,\s]+", codes) if code):
            return True
    return False


def _analyze(source: str, settings: Settings) -> tuple[cst.Module, list[Finding]]:
    wrapper = MetadataWrapper(cst.parse_module(source), unsafe_skip_copy=True)
    context = FileContext(settings)
    wrapper.visit_batched([FactsCollector(context), *(rule(context) for rule in RULES)])
    reports = [
        report for report in context.findings if not (context.strong_pgsslmode and report.code in MISSING_SSLMODE_CODES)
    ]
    positions = wrapper.resolve(PositionProvider) if reports else {}
    unique: dict[tuple[str, int, int], Finding] = {}
    for report in reports:
        span = positions[report.node]
        finding = Finding(
            span.start.line,
            span.start.column,
            span.end.line,
            report.code,
            report.message,
            report.node,
            report.replacement,
        )
        unique.setdefault((finding.code, finding.line, finding.column), finding)
    return wrapper.module, sorted(unique.values(), key=lambda f: (f.line, f.column, f.code))


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: dict[int, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        return self.replacements.get(id(original_node), updated_node)
