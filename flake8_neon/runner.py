"""Check files: read, prefilter, lint and fix each one; a large run is spread over the machine's cores.

Reading and the prefilter's text stage run in the main process, so most files of a large
code base cost a few substring searches. A Python file that passes it then gets the
prefilter's ``ast`` stage, and only if that finds something a rule reads, a libcst parse.
When many Python files pass the text stage, both steps run in a pool of worker processes
while the main process scans the configuration files; a worker imports libcst when its
first file needs it, so a run whose files all fail the ``ast`` stage never imports it. A
small run, such as a pre-commit batch, never starts a pool.
"""

from __future__ import annotations

import ast
import difflib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from flake8_neon import formats
from flake8_neon.discovery import SHEBANG, kind_from_shebang
from flake8_neon.files import FileProblem, Skipped, Source, decode_python, decode_text, read_bytes, write_text
from flake8_neon.formats.values import Lines, apply_fixes, noqa_covers
from flake8_neon.output import Report
from flake8_neon.prefilter import may_contain_findings, text_may_contain_findings
from flake8_neon.settings import Settings
from flake8_neon.unchecked import describe_failure

#: Python files past the text stage before a pool of workers pays for itself (such a file
#: costs an ``ast`` parse, a few ms, and often a libcst parse, 10 ms to 50 ms; starting a
#: pool, a few ms). Other kinds cost well under a millisecond each: they are scanned here
#: while the workers parse.
_POOL_MIN_PYTHON_FILES = 8


@dataclass(frozen=True)
class RunOptions:
    """What to do with each file."""

    settings: Settings = Settings()
    ignore: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False

    def reported(self, code: str) -> bool:
        return not any(code.startswith(prefix) for prefix in self.ignore)


@dataclass
class FileResult:
    """What checking one file gave: reports, the ``--diff`` text, and notes for standard error."""

    reports: list[Report] = field(default_factory=list)
    diff: str = ""
    notes: list[str] = field(default_factory=list)
    """Printed always: a file that was skipped although it may hold findings."""
    verbose_notes: list[str] = field(default_factory=list)
    """Printed with ``-v``: a file of no kind the linter reads."""


class _Job(NamedTuple):
    position: int
    path: str
    kind: str
    source: Source


def run(files: Sequence[tuple[str, str | None]], options: RunOptions, *, jobs: int) -> list[FileResult]:
    """Check ``(path, kind)`` pairs; the results come in the same order."""
    results: list[FileResult] = []
    pending: list[_Job] = []
    for index, (path, kind) in enumerate(files):
        prepared = _prepare(index, path, kind)
        results.append(prepared if isinstance(prepared, FileResult) else FileResult())
        if isinstance(prepared, _Job):
            pending.append(prepared)
    python = [job for job in pending if job.kind == "python"]
    others = [job for job in pending if job.kind != "python"]
    if jobs > 1 and len(python) >= _POOL_MIN_PYTHON_FILES:
        finished = _in_pool(python, others, options, jobs)
    else:
        finished = [check(job.path, job.kind, job.source, options) for job in python + others]
    for job, result in zip(python + others, finished):
        results[job.position] = result
    return results


def check(path: str, kind: str, source: Source, options: RunOptions) -> FileResult:
    """Lint (and fix) one decoded file that passed the prefilters; never raises."""
    try:
        if kind == "python":
            return _python(path, source, options)
        return _config(path, kind, source, options)
    except FileProblem as problem:
        return FileResult([Report(path, 0, 0, None, str(problem))])
    except Exception as error:  # a bug must not hide the other files' findings
        return FileResult([Report(path, 0, 0, None, describe_failure(error))])


def _prepare(index: int, path: str, kind: str | None) -> FileResult | _Job:
    """Read the file and run the prefilter: a result when nothing more is needed, else a job; never raises."""
    try:
        return _read_and_screen(index, path, kind)
    except Exception as error:  # a bug must not hide the other files' findings
        return FileResult([Report(path, 0, 0, None, describe_failure(error))])


def _read_and_screen(index: int, path: str, kind: str | None) -> FileResult | _Job:
    if kind is None:
        return FileResult(verbose_notes=[f"{path}: skipped: not a kind of file flake8-neon reads"])
    try:
        data = read_bytes(path)
        if kind == SHEBANG:
            found = kind_from_shebang(data)
            if found is None:
                return FileResult(verbose_notes=[f"{path}: skipped: not a kind of file flake8-neon reads"])
            kind = found
        source = decode_python(data) if kind == "python" else decode_text(data)
    except FileProblem as problem:
        return FileResult([Report(path, 0, 0, None, str(problem))])
    except Skipped as skipped:
        note = f"{path}: skipped: {skipped}"
        # A binary file, or a large data file such as package-lock.json, hides no connection worth a note.
        quiet = skipped.cause == "binary" or (skipped.cause == "size" and kind != "python")
        return FileResult(verbose_notes=[note]) if quiet else FileResult(notes=[note])
    if kind == "python":
        wanted = text_may_contain_findings(source.text)
    else:
        wanted = formats.may_contain_findings(source.text)
    return _Job(index, path, kind, source) if wanted else FileResult()


def _ast_stage(path: str, text: str) -> bool:
    """The prefilter's ``ast`` stage of a file past its text stage: False when no rule can report anything."""
    try:
        tree = ast.parse(text, path)
    except SyntaxError as error:
        raise FileProblem(f"not valid Python at line {error.lineno}, column {error.offset}: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise FileProblem(f"not valid Python: {error}") from None
    return may_contain_findings(text, tree)


def _in_pool(python: list[_Job], others: list[_Job], options: RunOptions, jobs: int) -> list[FileResult]:
    """Python files checked by workers while the other files are scanned here; results in that order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    fork = sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if fork else None
    workers = min(jobs, len(python))
    chunk = max(1, len(python) // (workers * 8))
    largest_first = sorted(range(len(python)), key=lambda number: -len(python[number].source.text))
    scanned = []
    try:
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            parsed = pool.map(
                check,
                [python[number].path for number in largest_first],
                [python[number].kind for number in largest_first],
                [python[number].source for number in largest_first],
                [options] * len(python),
                chunksize=chunk,
            )
            scanned = [check(job.path, job.kind, job.source, options) for job in others]
            in_order: list[FileResult] = [FileResult()] * len(python)
            for number, result in zip(largest_first, parsed):
                in_order[number] = result
            return in_order + scanned
    except (BrokenProcessPool, OSError):  # a worker died (out of memory?): check here instead
        parsed_here = [check(job.path, job.kind, job.source, options) for job in python]
        return parsed_here + (scanned or [check(job.path, job.kind, job.source, options) for job in others])


def _python(path: str, source: Source, options: RunOptions) -> FileResult:
    text = source.text
    result = FileResult()
    if not _ast_stage(path, text):
        return result
    from flake8_neon.engine import LintError, fix_source, is_suppressed, lint_source, source_lines  # imports libcst

    try:
        if options.fix or options.diff:
            text = _apply(path, source, fix_source(text, options.settings), options, result)
        findings = lint_source(text, options.settings)
    except LintError as error:  # CPython parsed it, libcst could not: judge the strings at least
        return _strings_only(path, text, error, options, result)
    lines = source_lines(text)
    result.reports += [
        Report(path, finding.line, finding.column + 1, finding.code, finding.message, finding.replacement is not None)
        for finding in findings
        if not is_suppressed(finding, lines) and options.reported(finding.code)
    ]
    return result


def _strings_only(path: str, text: str, error: Exception, options: RunOptions, result: FileResult) -> FileResult:
    from flake8_neon.engine import source_lines
    from flake8_neon.fallback import PARTLY_CHECKED, string_findings

    result.reports.append(Report(path, 0, 0, None, f"{error}; {PARTLY_CHECKED}"))
    lines = source_lines(text)
    result.reports += [
        Report(path, found.line, found.column + 1, found.code, found.message)
        for found in string_findings(ast.parse(text, path), options.settings)
        if options.reported(found.code) and not noqa_covers(lines[found.line - 1], found.code)
    ]
    return result


def _config(path: str, kind: str, source: Source, options: RunOptions) -> FileResult:
    text = source.text
    findings = [finding for finding in formats.check(kind, text, options.settings) if options.reported(finding.code)]
    result = FileResult()
    if (options.fix or options.diff) and any(finding.edit is not None for finding in findings):
        fixed = _apply(path, source, apply_fixes(text, findings), options, result)
        if fixed != text:
            text = fixed
            findings = [f for f in formats.check(kind, text, options.settings) if options.reported(f.code)]
    lines = Lines(text)
    for finding in findings:
        line, column = lines.position(finding.offset)
        result.reports.append(Report(path, line, column + 1, finding.code, finding.message, finding.edit is not None))
    return result


def _apply(path: str, source: Source, fixed: str, options: RunOptions, result: FileResult) -> str:
    """Show (``--diff``) or write (``--fix``) ``fixed``; the text to report on afterwards."""
    if fixed == source.text:
        return fixed
    if options.diff:
        result.diff = "".join(
            difflib.unified_diff(source.text.splitlines(keepends=True), fixed.splitlines(keepends=True), path, path)
        )
        return source.text
    try:
        write_text(path, source._replace(text=fixed))
    except FileProblem as problem:
        result.reports.append(Report(path, 0, 0, None, f"{problem} (its findings are reported unfixed)"))
        return source.text
    return fixed


def default_jobs() -> int:
    """Worker processes for a large run: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
