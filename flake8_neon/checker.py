"""The flake8 entry point (``NEO = flake8_neon.checker:NeonChecker``)."""

from __future__ import annotations

import argparse
import ast
from collections.abc import Iterator
from typing import Any, ClassVar

from flake8_neon import __version__
from flake8_neon.prefilter import may_contain_findings
from flake8_neon.settings import Settings, SettingsError, parse_bool, parse_host_list


def _option_type(parse: Any, option: str) -> Any:
    """An argparse ``type=`` that turns a :class:`SettingsError` into a usage error."""

    def convert(value: str) -> Any:
        try:
            return parse(option, value)
        except SettingsError as error:
            raise argparse.ArgumentTypeError(str(error).removeprefix(f"{option}: ")) from None

    convert.__name__ = option
    return convert


class NeonChecker:
    """Reports PostgreSQL connections weaker than sslmode=verify-full (codes NEO1xx).

    Files that mention nothing Postgres-related are skipped before any libcst parse.
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
        parser.add_option(
            "--neon-local-hosts",
            default="",
            parse_from_config=True,
            type=_option_type(parse_host_list, "--neon-local-hosts"),
            help="Extra host names or patterns (comma-separated, e.g. db,*.internal) treated as "
            "local and not reported, like localhost. Default: none.",
        )
        parser.add_option(
            "--neon-check-local-hosts",
            default="false",
            parse_from_config=True,
            type=_option_type(parse_bool, "--neon-check-local-hosts"),
            help="Report connections to local hosts too (true/false). Default: false.",
        )
        parser.add_option(
            "--neon-check-missing-sslmode",
            default="true",
            parse_from_config=True,
            type=_option_type(parse_bool, "--neon-check-missing-sslmode"),
            help="Report remote connections that set no sslmode at all (NEO102, NEO106, NEO107) "
            "(true/false). Default: true.",
        )

    @classmethod
    def parse_options(cls, options: argparse.Namespace) -> None:
        cls.settings = Settings(
            local_hosts=tuple(options.neon_local_hosts or ()),
            check_local_hosts=bool(options.neon_check_local_hosts),
            check_missing_sslmode=bool(options.neon_check_missing_sslmode),
        )

    def run(self) -> Iterator[tuple[int, int, str, type[NeonChecker]]]:
        source = "".join(self.lines)
        if not may_contain_findings(source, self.tree):
            return
        from flake8_neon.engine import LintError, lint_source  # deferred: most files never need libcst

        try:
            findings = lint_source(source, self.settings)
        except LintError:
            return  # flake8 reports syntax errors itself (E999)
        for finding in findings:
            yield finding.line, finding.column, finding.text, type(self)
