"""The standalone linter and fixer: ``flake8-neon`` and ``python -m flake8_neon``.

Exit status: 0 when nothing is left to report, 1 when findings remain, 2 when a file
could not be checked (unreadable, not decodable, not valid Python) or an option is wrong.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flake8_neon.discovery import files
from flake8_neon.settings import OPTIONS, Settings, SettingsError, parse_bool, settings_from

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

#: Keys of ``[tool.flake8-neon]``: the linter's options, and the command's own.
_CONFIG_KEYS = frozenset({option.name for option in OPTIONS} | {"exclude", "ignore", "docs"})


@dataclass(frozen=True)
class Config:
    """Everything the command was asked to do, after pyproject.toml and the command line."""

    settings: Settings
    exclude: tuple[str, ...]
    ignore: tuple[str, ...]
    docs: bool


def main(argv: Sequence[str] | None = None) -> int:
    """Run the linter; return the exit status."""
    from flake8_neon.output import emit, explain
    from flake8_neon.runner import RunOptions, run

    parser = _parser()
    args = parser.parse_args(argv)
    if args.explain is not None:
        text = explain(args.explain)
        if text is None:
            parser.error(f"--explain: unknown code {args.explain!r} (known: NEO100 to NEO109, or 'all')")
        sys.stdout.write(text)
        return 0
    try:
        config = _config(args)
    except SettingsError as error:
        parser.error(str(error))
    options = RunOptions(config.settings, config.ignore, fix=args.fix, diff=args.diff)
    results = run(list(files(args.paths, config.exclude, docs=config.docs)), options, jobs=args.jobs)
    for result in results:
        for note in result.notes + (result.verbose_notes if args.verbose else []):
            sys.stderr.write(f"flake8-neon: note: {note}\n")
        if result.diff:
            sys.stdout.write(result.diff)
    reports = [report for result in results for report in result.reports]
    emit(reports, args.format, sys.stdout)
    if any(report.code is None for report in reports):
        return 2
    return 1 if reports else 0


def _parser() -> argparse.ArgumentParser:
    from flake8_neon.runner import default_jobs

    parser = argparse.ArgumentParser(
        prog="flake8-neon",
        description="Find (and fix) PostgreSQL connections weaker than sslmode=verify-full, in Python code "
        "and in configuration files (.env, YAML, TOML, INI, JSON, Dockerfiles, shell scripts, Procfiles, "
        "pg_service.conf).",
    )
    parser.add_argument("paths", nargs="*", default=["."], help="files or directories (default: .)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--fix", action="store_true", help="rewrite fixable findings in place")
    action.add_argument("--diff", action="store_true", help="print the fixes as a unified diff, change nothing")
    action.add_argument("--explain", metavar="CODE", help="print the full explanation of a code (or 'all') and exit")
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output format")
    parser.add_argument("--config", type=Path, help="pyproject.toml to read [tool.flake8-neon] from")
    for option in OPTIONS:
        parser.add_argument(f"--{option.name}", help=f"{option.help} (default: {option.default or 'none'})")
    parser.add_argument("--exclude", help="comma-separated glob patterns of paths to skip")
    parser.add_argument("--ignore", help="comma-separated codes (or prefixes) not to report")
    parser.add_argument("--docs", help="also check Markdown and reStructuredText files (true/false; default: false)")
    parser.add_argument(
        "-j", "--jobs", type=int, default=default_jobs(), help="processes for large runs (default: the usable cores)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="also say which files were skipped and why")
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
    return Config(
        settings_from(values),
        _string_list("exclude", values.get("exclude", ())),
        _codes(values.get("ignore", ())),
        parse_bool("docs", values.get("docs", False)),
    )


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
