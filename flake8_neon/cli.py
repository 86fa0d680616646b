"""The standalone linter and fixer: ``flake8-neon`` and ``python -m flake8_neon``.

Exit status: 0 when nothing is left to report, 1 when findings remain, 2 when a file
could not be checked (unreadable, not decodable, not valid Python) or an option is wrong.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import fnmatch
import io
import json
import os
import shutil
import sys
import tempfile
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from flake8_neon.settings import Settings, SettingsError, parse_bool, parse_host_list

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_SKIPPED_DIRECTORIES = frozenset(
    {".git", ".hg", ".svn", ".venv", "venv", "__pycache__", ".tox", ".nox", "node_modules"}
)
_CONFIG_KEYS = frozenset({"local-hosts", "check-local-hosts", "check-missing-sslmode", "exclude", "ignore"})


@dataclass
class Config:
    """Everything the CLI was asked to do, after pyproject.toml and the command line."""

    settings: Settings = field(default_factory=Settings)
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """One line of output: a finding, or a file that could not be checked (``code`` is None)."""

    path: str
    line: int
    column: int
    code: str | None
    message: str
    fixable: bool = False


class _FileProblem(Exception):
    """A file that cannot be checked; the message says why."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the linter; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = _config(args)
    except SettingsError as error:
        parser.error(str(error))
    reports: list[Report] = []
    out = sys.stdout
    for path in _python_files(args.paths, config.exclude):
        reports.extend(_check_file(path, config, fix=args.fix, diff=args.diff, out=out))
    _emit(reports, args.format, out)
    if any(report.code is None for report in reports):
        return 2
    return 1 if reports else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flake8-neon",
        description="Find (and fix) PostgreSQL connections weaker than sslmode=verify-full.",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories (default: .)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--fix", action="store_true", help="rewrite fixable findings in place")
    action.add_argument("--diff", action="store_true", help="print the fixes as a unified diff, change nothing")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    parser.add_argument("--config", type=Path, help="pyproject.toml to read [tool.flake8-neon] from")
    parser.add_argument("--local-hosts", help="extra hosts treated as local, comma-separated (patterns allowed)")
    parser.add_argument("--check-local-hosts", help="report local hosts too (true/false)")
    parser.add_argument("--check-missing-sslmode", help="report connections without sslmode (true/false)")
    parser.add_argument("--exclude", help="comma-separated glob patterns of paths to skip")
    parser.add_argument("--ignore", help="comma-separated codes (or prefixes) not to report")
    return parser


def _config(args: argparse.Namespace) -> Config:
    values: dict[str, Any] = {}
    pyproject = args.config or _find_pyproject(Path.cwd())
    if pyproject is not None:
        values.update(_read_pyproject(pyproject))
    for key in _CONFIG_KEYS:
        given = getattr(args, key.replace("-", "_"))
        if given is not None:
            values[key] = given
    settings = Settings(
        local_hosts=parse_host_list("local-hosts", values.get("local-hosts", ())),
        check_local_hosts=parse_bool("check-local-hosts", values.get("check-local-hosts", False)),
        check_missing_sslmode=parse_bool("check-missing-sslmode", values.get("check-missing-sslmode", True)),
    )
    return Config(settings, _string_list("exclude", values.get("exclude", ())), _codes(values.get("ignore", ())))


def _find_pyproject(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def _read_pyproject(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise SettingsError(f"{path}: cannot read configuration: {error}") from None
    section = data.get("tool", {}).get("flake8-neon", {})
    if not isinstance(section, dict):
        raise SettingsError(f"{path}: [tool.flake8-neon] must be a table")
    unknown = sorted(set(section) - _CONFIG_KEYS)
    if unknown:
        raise SettingsError(
            f"{path}: unknown key(s) in [tool.flake8-neon]: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(_CONFIG_KEYS))})"
        )
    return section


def _string_list(option: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(item.strip() for item in value.split(",") if item.strip())
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise SettingsError(f"{option}: expected a list of strings, got {value!r}")


def _codes(value: object) -> tuple[str, ...]:
    codes = _string_list("ignore", value)
    for code in codes:
        if not code.isalnum() or not code[:1].isalpha():
            raise SettingsError(f"ignore: {code!r} is not an error code such as NEO102")
    return tuple(code.upper() for code in codes)


def _python_files(paths: Sequence[str], exclude: Sequence[str]) -> Iterator[str]:
    for given in paths:
        if _excluded(given, exclude):
            continue
        if not os.path.isdir(given):
            yield given
            continue
        for root, directories, files in os.walk(given):
            directories[:] = sorted(
                name
                for name in directories
                if name not in _SKIPPED_DIRECTORIES and not _excluded(os.path.join(root, name), exclude)
            )
            for name in sorted(files):
                path = os.path.join(root, name)
                if name.endswith(".py") and not _excluded(path, exclude):
                    yield path


def _excluded(path: str, patterns: Sequence[str]) -> bool:
    normalized = os.path.normpath(path)
    return any(
        fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(os.path.basename(normalized), pattern)
        for pattern in patterns
    )


def _check_file(path: str, config: Config, *, fix: bool, diff: bool, out: TextIO) -> list[Report]:
    try:
        return _lint_file(path, config, fix=fix, diff=diff, out=out)
    except _FileProblem as problem:
        return [Report(path, 0, 0, None, str(problem))]


def _lint_file(path: str, config: Config, *, fix: bool, diff: bool, out: TextIO) -> list[Report]:
    from flake8_neon.engine import LintError, fix_source, is_suppressed, lint_source
    from flake8_neon.prefilter import may_contain_findings

    source, encoding = _read_source(path)
    try:
        tree = ast.parse(source, path)
    except SyntaxError as error:
        raise _FileProblem(f"not valid Python at line {error.lineno}, column {error.offset}: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise _FileProblem(f"not valid Python: {error}") from None
    if not may_contain_findings(source, tree):
        return []
    try:
        if fix or diff:
            fixed = fix_source(source, config.settings)
            if fixed != source:
                if diff:
                    out.write(
                        "".join(
                            difflib.unified_diff(
                                source.splitlines(keepends=True), fixed.splitlines(keepends=True), path, path
                            )
                        )
                    )
                else:
                    _write_source(path, fixed, encoding)
                    source = fixed
        findings = lint_source(source, config.settings)
    except LintError as error:  # one line for this file; the other files are still checked
        raise _FileProblem(str(error)) from None
    lines = source.splitlines()
    return [
        Report(path, finding.line, finding.column + 1, finding.code, finding.message, finding.replacement is not None)
        for finding in findings
        if not is_suppressed(finding, lines) and not any(finding.code.startswith(code) for code in config.ignore)
    ]


def _read_source(path: str) -> tuple[str, str]:
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise _FileProblem(f"cannot read file: {error.strerror or error}") from None
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError) as error:
        raise _FileProblem(f"cannot decode file: {error}") from None
    except UnicodeDecodeError as error:
        raise _FileProblem(f"cannot decode file as {error.encoding}: byte {error.start} is invalid") from None
    if encoding == "utf-8-sig":
        text = text.removeprefix("\ufeff")
    return text, encoding


def _write_source(path: str, text: str, encoding: str) -> None:
    """Replace the file atomically, so an interrupted fix never leaves half a file."""
    target = os.path.realpath(path)  # through symlinks: replace the file, not the link
    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".flake8-neon-")
        with os.fdopen(descriptor, "wb") as file:
            file.write(text.encode(encoding))
        shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise _FileProblem(f"cannot write fixed file: {error.strerror or error}") from None


def _emit(reports: list[Report], output_format: str, out: TextIO) -> None:
    if output_format == "json":
        json.dump([report.__dict__ for report in reports], out, indent=2)
        out.write("\n")
    elif output_format == "sarif":
        json.dump(_sarif(reports), out, indent=2)
        out.write("\n")
    else:
        for report in reports:
            if report.code is None:
                out.write(f"{report.path}: error: {report.message}\n")
            else:
                out.write(f"{report.path}:{report.line}:{report.column}: {report.code} {report.message}\n")


def _sarif(reports: list[Report]) -> dict[str, Any]:
    from flake8_neon.rules import RULES

    rules = [
        {"id": rule.CODE, "name": rule.__name__, "shortDescription": {"text": (rule.__doc__ or "").splitlines()[0]}}
        for rule in RULES
    ]
    results = [
        {
            "ruleId": report.code or "error",
            "level": "error",
            "message": {"text": report.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": Path(report.path).as_posix()},
                        "region": {"startLine": max(report.line, 1), "startColumn": max(report.column, 1)},
                    }
                }
            ],
        }
        for report in reports
    ]
    return {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "flake8-neon", "rules": rules}}, "results": results}],
    }
