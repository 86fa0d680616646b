"""Run every rule over one source text, and apply their fixes."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence

import libcst as cst
from libcst._nodes.internal import CodegenState  # private: see _FindingPositions

from flake8_neon.context import FactsCollector, FileContext, Finding
from flake8_neon.rules import MISSING_SSLMODE_CODES, RULES
from flake8_neon.settings import Settings

_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)


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
    module = cst.parse_module(source)
    context = FileContext(settings)
    cst.visit_batched(module, [FactsCollector(context), *(rule(context) for rule in RULES)])
    reports = [
        report for report in context.findings if not (context.strong_pgsslmode and report.code in MISSING_SSLMODE_CODES)
    ]
    positions = finding_positions(module, [report.node for report in reports]) if reports else {}
    unique: dict[tuple[str, int, int], Finding] = {}
    for report in reports:
        line, column, end_line = positions[id(report.node)]
        finding = Finding(line, column, end_line, report.code, report.message, report.node, report.replacement)
        unique.setdefault((finding.code, finding.line, finding.column), finding)
    return module, sorted(unique.values(), key=lambda f: (f.line, f.column, f.code))


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: dict[int, cst.CSTNode]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode) -> cst.CSTNode:  # type: ignore[override]
        return self.replacements.get(id(original_node), updated_node)


def finding_positions(module: cst.Module, nodes: Sequence[cst.CSTNode]) -> dict[int, tuple[int, int, int]]:
    """``(line, column, end line)`` of each node, by ``id``, as libcst's PositionProvider gives them.

    PositionProvider records every node of the module in a second full pass, which cost about
    half of the linter's time on files with findings; this follows libcst's code generation
    only as far as the last of ``nodes`` and records nothing else.
    """
    state = _FindingPositions(module, {id(node) for node in nodes})
    with contextlib.suppress(_AllFound):
        module._codegen(state)
    return state.found


class _AllFound(Exception):
    """Stops code generation once every wanted node has its position."""


_NEWLINE = re.compile(r"\r\n?|\n")


class _FindingPositions(CodegenState):
    """A code-generation state that tracks line and column and records only the wanted nodes.

    It mirrors libcst's ``PositionProvidingCodegenState``: a node that calls
    ``record_syntactic_position`` spans what it records (an expression without its
    parentheses; a compound statement up to the end of its body), any other node its whole
    code. ``CodegenState`` is libcst's private API, so the tests compare this with
    PositionProvider on real modules.
    """

    def __init__(self, module: cst.Module, wanted: set[int]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.tracked = set(wanted)  # the wanted nodes, and children whose span a wanted one borrows
        self.missing = len(wanted)
        self.wanted = wanted
        self.line = 1
        self.column = 0
        self.starts: dict[int, tuple[int, int]] = {}
        self.found: dict[int, tuple[int, int, int]] = {}

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            lines = _NEWLINE.split(value)
            self.line += len(lines) - 1
            self.column = len(lines[-1])
        else:
            self.column += len(value)

    def pop_trailing_newline(self) -> None:
        pass  # only reached when a wanted node was never generated; nothing is kept to pop

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.tracked:
            self.starts[id(node)] = (self.line, self.column)

    def after_codegen(self, node: cst.CSTNode) -> None:
        key = id(node)
        if key in self.tracked and key not in self.found:
            self._record(key, self.starts[key], self.line)

    def record_syntactic_position(  # type: ignore[override]  # any context manager will do, and most nodes get none
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> contextlib.AbstractContextManager[None]:
        if id(node) not in self.tracked:
            return contextlib.nullcontext()
        return self._syntactic(id(node), start_node, end_node)

    @contextlib.contextmanager
    def _syntactic(self, key: int, start_node: cst.CSTNode | None, end_node: cst.CSTNode | None) -> Iterator[None]:
        self.tracked.update(id(child) for child in (start_node, end_node) if child is not None)
        start = (self.line, self.column)
        yield
        if start_node is not None:
            start = self.found[id(start_node)][:2]
        end_line = self.found[id(end_node)][2] if end_node is not None else self.line
        self._record(key, start, end_line)

    def _record(self, key: int, start: tuple[int, int], end_line: int) -> None:
        first = key not in self.found
        self.found[key] = (*start, end_line)
        if first and key in self.wanted:
            self.missing -= 1
            if not self.missing:
                raise _AllFound
