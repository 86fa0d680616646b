"""Run every rule over one source text, and apply their fixes.

Fixes are spliced into the source text at the spans of the literals they change, so every
byte outside a change stays as it was (libcst's regenerated code drops a form feed before a
statement and a final lone carriage return). A finding's edits are applied together or not
at all, and a fixed source gives no fixable finding again.
"""

from __future__ import annotations

import bisect
import difflib
import re
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

import libcst as cst

from flake8_neon.context import FileContext
from flake8_neon.findings import Edit, Finding, LintError, Report
from flake8_neon.formats.values import noqa_covers
from flake8_neon.positions import Range, node_ranges
from flake8_neon.rules import RULES
from flake8_neon.settings import MISSING_SSLMODE_CODES, Settings
from flake8_neon.walk import Recorder, replay

__all__ = ["Finding", "LintError", "fix_source", "is_suppressed", "lint_source", "source_lines"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Code nested deeper than the default recursion limit allows (CPython compiles ~200 nested
#: brackets and ~2,500-term operator chains) is linted again in a thread with this much room.
_DEEP_STACK = 512 * 1024 * 1024
_DEEP_RECURSION_LIMIT = 100_000
_deep_lock = threading.Lock()
T = TypeVar("T")


def lint_source(source: str, settings: Settings) -> list[Finding]:
    """Every finding in ``source``, sorted by position (``# noqa`` is not applied here).

    Raises :class:`~flake8_neon.findings.LintError` (and nothing else) when the source
    cannot be linted: libcst cannot parse it, or it nests too deeply even with a large
    stack. Any other failure is reported the same way, so one file never stops a run.
    """
    text = _libcst_text(source)
    try:
        module = _deeply_if_needed(cst.parse_module, text)
        return _deeply_if_needed(_findings, source, text, module, settings)
    except LintError:
        raise
    except cst.ParserSyntaxError as error:
        raise LintError(
            f"not valid Python for libcst at line {error.raw_line}, column {error.raw_column + 1}: {error.message}"
        ) from None
    except RecursionError:
        raise LintError("the code nests too deeply to be linted") from None
    except Exception as error:  # a bug in a rule must not stop the run: one clear line instead
        raise LintError(f"internal error in flake8-neon ({type(error).__name__}); please report it") from error


def fix_source(source: str, settings: Settings) -> str:
    """``source`` with every fixable finding fixed, except those on ``# noqa`` lines.

    Raises :class:`~flake8_neon.findings.LintError` like :func:`lint_source`.
    """
    lines = source_lines(source)
    taken: list[Edit] = []
    for finding in lint_source(source, settings):
        if finding.replacement is None or is_suppressed(finding, lines):
            continue
        if any(edit.start < other.end and other.start < edit.end for edit in finding.replacement for other in taken):
            continue  # overlaps an earlier finding's fix: applied on the next run, whole
        taken.extend(finding.replacement)
    for edit in sorted(taken, reverse=True):
        source = source[: edit.start] + edit.text + source[edit.end :]
    return source


def source_lines(source: str) -> list[str]:
    """The lines of ``source`` as Python and flake8 count them (``\\r\\n``, ``\\r`` or ``\\n``; not form feeds)."""
    return [line.rstrip("\r\n") for line in _LINE.findall(source)]


def is_suppressed(finding: Finding, lines: Sequence[str]) -> bool:
    """True when a ``# noqa`` comment on the finding's lines covers its code, as in flake8.

    ``lines`` must be split as :func:`source_lines` does (``str.splitlines`` also splits
    at form feeds and other separators, which Python does not).
    """
    return any(noqa_covers(line, finding.code) for line in lines[finding.line - 1 : finding.end_line])


def _libcst_text(source: str) -> str:
    """The text libcst parses: its parser takes UTF-8 only, so a lone surrogate (one code point) becomes
    U+FFFD; every offset stays the same, and no fix touches a literal holding one (see _edits)."""
    return _SURROGATE.sub("\ufffd", source)


def _findings(source: str, text: str, module: cst.Module, settings: Settings) -> list[Finding]:
    recorder = Recorder(RULES)
    context = FileContext(module, settings, also=[recorder])
    rules = [
        rule(context) for rule in RULES if settings.check_missing_sslmode or rule.CODE not in MISSING_SSLMODE_CODES
    ]
    replay(recorder.nodes, rules)
    for rule in rules:
        rule.finish()
    reports = [
        report for report in context.reports if not (context.strong_pgsslmode and report.code in MISSING_SSLMODE_CODES)
    ]
    if not reports:
        return []
    leaves = [leaf for report in reports for leaf, _ in report.fix or ()]
    ranges = node_ranges(module, [report.node for report in reports] + leaves, text)
    places = _Places(source, module)
    unique: dict[tuple[str, int, int], Finding] = {}
    for report in reports:
        line, column, end_line = places.position(ranges[id(report.node)])
        edits = _edits(report, ranges, places)
        finding = Finding(line, column, end_line, report.code, report.message, edits)
        unique.setdefault((finding.code, finding.line, finding.column), finding)
    return sorted(unique.values(), key=lambda finding: (finding.line, finding.column, finding.code))


def _edits(report: Report, ranges: dict[int, Range], places: _Places) -> tuple[Edit, ...] | None:
    """The report's fix as edits of ``source``; None unless every leaf is found exactly where expected."""
    if not report.fix:
        return None
    edits = []
    for leaf, text in report.fix:
        expected = leaf.value if isinstance(leaf, (cst.SimpleString, cst.Name)) else None
        span = places.span(ranges[id(leaf)], expected)
        if expected is None or span is None:
            return None
        edits.append(Edit(*span, text))
    return tuple(edits)


class _Places:
    """Turns ranges in libcst's generated code into positions and offsets in the source text.

    The two differ only where libcst drops bytes (a form feed before a statement, a
    byte-order mark, a final lone carriage return); then an alignment of the two texts maps
    one to the other.
    """

    def __init__(self, source: str, module: cst.Module) -> None:
        self.source = source
        self.module = module
        self.starts = _line_starts(source)
        self.generated_starts: list[int] | None = None
        self.segments: list[tuple[int, int, int]] = []  # (generated start, source start, length)
        if "\x0c" in source or source.startswith("\ufeff"):
            self._align()

    def position(self, span: Range) -> tuple[int, int, int]:
        """``(line, column, end line)`` in the source of a range in the generated code."""
        line, column, end_line, _ = span
        if self.generated_starts is None:
            return line, column, end_line
        start = self._to_source(line, column)
        if start is None:
            return line, column, end_line
        line = bisect.bisect_right(self.starts, start)
        return line, start - self.starts[line - 1], end_line

    def span(self, span: Range, expected: str | None) -> tuple[int, int] | None:
        """Source offsets of a range whose text must be ``expected``; None if it is not there."""
        found = self._span(span)
        if (found is None or self.source[found[0] : found[1]] != expected) and self.generated_starts is None:
            self._align()
            found = self._span(span)
        if found is None or self.source[found[0] : found[1]] != expected:
            return None
        return found

    def _span(self, span: Range) -> tuple[int, int] | None:
        start, end = self._to_source(span[0], span[1]), self._to_source(span[2], span[3])
        return None if start is None or end is None else (start, end)

    def _to_source(self, line: int, column: int) -> int | None:
        starts = self.generated_starts or self.starts
        if line > len(starts):
            return None
        offset = starts[line - 1] + column
        if self.generated_starts is None:
            return offset
        index = bisect.bisect_right(self.segments, (offset, sys.maxsize, 0)) - 1
        if index < 0:
            return None
        generated, source, length = self.segments[index]
        return source + offset - generated if offset <= generated + length else None

    def _align(self) -> None:
        generated = self.module.code
        self.generated_starts = _line_starts(generated)
        if generated == self.source:
            self.segments = [(0, 0, len(generated))]
            return
        ours, theirs = _LINE.findall(generated), _LINE.findall(self.source)
        ours_at, theirs_at = _prefix_sums(ours), _prefix_sums(theirs)
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                self.segments.append((ours_at[i1], theirs_at[j1], ours_at[i2] - ours_at[i1]))
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for i, j in zip(range(i1, i2), range(j1, j2)):
                    inner = difflib.SequenceMatcher(None, ours[i], theirs[j], autojunk=False)
                    for block in inner.get_matching_blocks():
                        if block.size:
                            self.segments.append((ours_at[i] + block.a, theirs_at[j] + block.b, block.size))
        self.segments.sort()


def _line_starts(text: str) -> list[int]:
    return _prefix_sums(_LINE.findall(text)) or [0]


def _prefix_sums(lines: list[str]) -> list[int]:
    sums = [0]
    for line in lines:
        sums.append(sums[-1] + len(line))
    return sums


def _deeply_if_needed(function: Callable[..., T], *args: object) -> T:
    """``function(*args)``; on a RecursionError, again in a thread with a large stack and recursion limit."""
    try:
        return function(*args)
    except RecursionError:
        pass
    outcome: list[T] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(function(*args))
        except BaseException as error:  # re-raised in the calling thread
            failure.append(error)

    with _deep_lock:
        stack, limit = threading.stack_size(), sys.getrecursionlimit()
        threading.stack_size(_DEEP_STACK)
        sys.setrecursionlimit(max(limit, _DEEP_RECURSION_LIMIT))
        try:
            thread = threading.Thread(target=run, name="flake8-neon-deep")
            thread.start()
            thread.join()
        finally:
            threading.stack_size(stack)
            sys.setrecursionlimit(limit)
    if failure:
        raise failure[0]
    return outcome[0]
