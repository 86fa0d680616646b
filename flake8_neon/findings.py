"""What the linter reports: findings, the edits that fix them, and the one error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import libcst as cst


class Edit(NamedTuple):
    """Replace ``source[start:end]`` with ``text`` (offsets into the linted source string)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    """One problem at one place, positioned like flake8 (line from 1, column from 0).

    ``replacement`` holds the edits that fix it, applied all together or not at all; None
    when the finding has no automatic fix.
    """

    line: int
    column: int
    end_line: int
    code: str
    message: str
    replacement: tuple[Edit, ...] | None = None

    @property
    def text(self) -> str:
        """``NEO101 message``, as flake8 prints it."""
        return f"{self.code} {self.message}"


@dataclass(frozen=True, eq=False)
class Report:
    """A finding before its position is known: the node it points at, and the fix as new leaf texts.

    ``fix`` maps leaf nodes (string literals, names) to the source text that replaces each.
    """

    code: str
    message: str
    node: cst.CSTNode
    fix: tuple[tuple[cst.CSTNode, str], ...] | None = None


class LintError(Exception):
    """The source cannot be linted; the message says why in one line (and never quotes the source)."""
