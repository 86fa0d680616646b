"""The base class of every rule, and the example types each rule carries for its tests."""

from __future__ import annotations

from typing import ClassVar, NamedTuple

import libcst as cst

from flake8_neon.context import ConninfoLiteral, ContextVisitor, Report


class Invalid(NamedTuple):
    """Code the rule must flag; ``fixed`` is the code after ``--fix`` (None: no fix offered)."""

    code: str
    fixed: str | None = None


class Rule(ContextVisitor):
    """One lint rule: one code, one problem. The class docstring is its documentation.

    ``VALID`` snippets must give no finding at all; every ``INVALID`` snippet must give
    this rule's code, and ``--fix`` must turn it into ``Invalid.fixed``.
    """

    CODE: ClassVar[str]
    VALID: ClassVar[tuple[str, ...]]
    INVALID: ClassVar[tuple[Invalid, ...]]

    def report(self, node: cst.CSTNode, message: str, replacement: cst.CSTNode | None = None) -> None:
        """Record a finding at ``node``; ``replacement`` replaces ``node`` when fixing."""
        self.context.findings.append(Report(self.CODE, message, node, replacement))


class ConninfoStringRule(Rule):
    """A rule about connection strings: :meth:`check` gets every string that parses as one."""

    def check(self, literal: ConninfoLiteral) -> None:
        raise NotImplementedError

    def _visit_string(self, node: cst.CSTNode) -> None:
        literal = self.context.conninfo_literal(node)
        if literal is not None:
            self.check(literal)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        self._visit_string(node)

    def visit_ConcatenatedString(self, node: cst.ConcatenatedString) -> None:
        self._visit_string(node)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._visit_string(node)

    def visit_BinaryOperation(self, node: cst.BinaryOperation) -> None:
        self._visit_string(node)

    def visit_Call(self, node: cst.Call) -> None:
        self._visit_string(node)
