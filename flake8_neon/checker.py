"""The flake8 entry point (``NEO = flake8_neon.checker:NeonChecker``)."""

from __future__ import annotations

import argparse
import ast
from collections.abc import Callable, Iterator
from typing import Any, ClassVar

from flake8_neon import __version__
from flake8_neon.fallback import PARTLY_CHECKED, string_findings
from flake8_neon.unchecked import MAX_FILE_BYTES, UNCHECKED, describe_failure, too_large
from flake8_neon.prefilter import may_contain_findings
from flake8_neon.settings import OPTIONS, Settings, SettingsError


def _option_type(parse: Callable[[str, object], object], option: str) -> Callable[[str], object]:
    """An argparse ``type=`` that turns a :class:`SettingsError` into a usage error."""

    def convert(value: str) -> object:
        try:
            return parse(option, value)
        except SettingsError as error:
            raise argparse.ArgumentTypeError(str(error).removeprefix(f"{option}: ")) from None

    convert.__name__ = option
    return convert


class NeonChecker:
    """Reports PostgreSQL connections weaker than sslmode=verify-full (codes NEO1xx).

    Files that mention nothing Postgres-related are skipped before any libcst parse. A file
    the rules cannot check gives one ``NEO100`` finding instead of stopping the flake8 run.
    """

    name = "flake8-neon"
    version = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, lines: list[str], filename: str) -> None:
        self.tree = tree
        self.lines = lines
        self.filename = filename

    @classmethod
    def add_options(cls, parser: Any) -> None:
        for option in OPTIONS:
            parser.add_option(
                option.flake8_flag,
                default=option.default,
                dest=option.flake8_dest,
                parse_from_config=True,
                type=_option_type(option.parse, option.flake8_flag),
                help=f"{option.help[0].upper()}{option.help[1:]}. Default: {option.default or 'none'}.",
            )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        cls.settings = Settings(**{option.field: getattr(options, option.flake8_dest) for option in OPTIONS})

    def run(self) -> Iterator[tuple[int, int, str, type[NeonChecker]]]:
        source = "".join(self.lines)
        try:
            if not may_contain_findings(source, self.tree):
                return
            if too_large(len(source.encode("utf-8", "surrogatepass"))):
                yield 1, 0, f"{UNCHECKED} file not checked: larger than {MAX_FILE_BYTES // 1_000_000} MB", type(self)
                return
            from flake8_neon.engine import LintError, lint_source  # deferred: most files never need libcst

            try:
                findings = lint_source(source, self.settings)
            except LintError as error:  # flake8 parsed it, libcst could not: judge the strings at least
                yield 1, 0, f"{UNCHECKED} file partly checked: {error}; {PARTLY_CHECKED}", type(self)
                for found in string_findings(self.tree, self.settings):
                    yield found.line, found.column, f"{found.code} {found.message}", type(self)
                return
        except Exception as error:  # one file's failure must not stop the flake8 run
            yield 1, 0, f"{UNCHECKED} file not checked: {describe_failure(error)}", type(self)
            return
        for finding in findings:
            yield finding.line, finding.column, finding.text, type(self)
