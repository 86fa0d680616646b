"""The connection strings of a file that libcst cannot lint, judged from the ``ast`` tree instead.

A last resort: deeply nested code is linted with a larger stack (:mod:`flake8_neon.engine`),
so this is for code that CPython compiles and libcst still cannot lint (syntax its parser
does not take, nesting deeper even than that stack allows, a failure of a rule). The rules
about calls and settings need libcst, but a string literal is judged by
:mod:`flake8_neon.judgments` alone, so such a file still gets its string findings (no
fixes) next to the note that the rest was not checked. Docstrings are left out, as the
rules leave them out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import NamedTuple

from flake8_neon.formats.values import judge_string
from flake8_neon.judgments import ConnectionString
from flake8_neon.settings import Settings

#: How the rest of the message reads when these findings stand in for a full check.
PARTLY_CHECKED = "only its connection strings were checked, not its calls and settings"


class StringFinding(NamedTuple):
    line: int
    column: int  # 0-based, as ast gives it
    code: str
    message: str


def string_findings(tree: ast.AST, settings: Settings) -> Iterator[StringFinding]:
    """Findings about the string literals in ``tree`` (``ast.walk`` does not recurse)."""
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docstrings:
            continue
        string = ConnectionString.read(node.value)
        if string is None:
            continue
        for judgment in judge_string(string, settings):
            yield StringFinding(node.lineno, node.col_offset, judgment.code, judgment.message)
