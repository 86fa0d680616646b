"""The linter's core check written as a Fixit rule, so Fixit is timed doing comparable work.

Flags string literals whose text sets ``sslmode`` to ``disable``, ``allow`` or ``prefer``
(the same regex as the semgrep rule); Fixit still parses every file with libcst.
"""

from __future__ import annotations

import re

import libcst as cst
from fixit import Invalid, LintRule, Valid

INSECURE_SSLMODE = re.compile(r"sslmode=(disable|allow|prefer)")


class InsecureSslmode(LintRule):
    """String literal with a PostgreSQL sslmode weaker than verify-full."""

    MESSAGE = "PostgreSQL connection string with sslmode weaker than verify-full"
    VALID = [Valid('dsn = "host=db sslmode=verify-full"')]
    INVALID = [Invalid('dsn = "host=db sslmode=disable"')]

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        """Report a plain string literal that matches."""
        if INSECURE_SSLMODE.search(node.value):
            self.report(node)

    def visit_FormattedStringText(self, node: cst.FormattedStringText) -> None:
        """Report the literal part of an f-string that matches."""
        if INSECURE_SSLMODE.search(node.value):
            self.report(node)
