"""Where nodes stand in the code libcst generates: the one place that uses libcst's private code generation.

``PositionProvider`` records every node of the module in a second full pass, which cost
about half of the linter's time on files with findings. :func:`node_ranges` instead
follows libcst's code generation (``CodegenState``, private) only over the pieces that hold
the wanted nodes, and records nothing else. Given the text the module was parsed from (its
generated code, byte for byte), it generates just a piece's code and looks it up in that
text: a single-line expression, or else the top-level statement that holds the node, whose
code occurs once there. Only the nodes left over are followed through the module's code
generation, as far as the last of them. If libcst's private API is not what this module
expects, it falls back to ``PositionProvider``; the tests compare both on real modules.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterator, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_neon.walk import Visitor, walk

#: ``(start line, start column, end line, end column)``, lines from 1, columns from 0,
#: as ``PositionProvider`` gives them (an expression without its parentheses).
Range = tuple[int, int, int, int]

_NEWLINE = re.compile(r"\r\n?|\n")


def node_ranges(module: cst.Module, nodes: Sequence[cst.CSTNode], source: str | None = None) -> dict[int, Range]:
    """The range of each node (by ``id``) in ``module.code``.

    ``source`` is the text ``module`` was parsed from; with it, most nodes are found by a
    search instead of generating the module's code up to them.
    """
    if _FAST is not None:
        try:
            return _fast_ranges(module, nodes, source)
        except (AttributeError, TypeError, KeyError):  # libcst's private code generation changed
            pass
    return provider_ranges(module, nodes)


def provider_ranges(module: cst.Module, nodes: Sequence[cst.CSTNode]) -> dict[int, Range]:
    """The same ranges from libcst's public ``PositionProvider`` (the fallback, and the reference)."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    ranges = {}
    for node in nodes:
        span = positions[node]
        ranges[id(node)] = (span.start.line, span.start.column, span.end.line, span.end.column)
    return ranges


def _fast_ranges(module: cst.Module, nodes: Sequence[cst.CSTNode], source: str | None) -> dict[int, Range]:
    assert _FAST is not None
    found: dict[int, Range] = {}
    rest = list(nodes)
    # libcst drops a form feed before a statement and a byte-order mark: then its code is not the source
    if rest and source is not None and "\x0c" not in source and not source.startswith("\ufeff"):
        lookup = _Lookup(module, source)
        rest = [node for node in rest if not lookup.expression(node, found)]
        if rest:
            rest = lookup.statements(rest, found)
    if rest:
        state = _FAST(module, {id(node) for node in rest})
        with contextlib.suppress(_AllFound):
            module._codegen(state)
        if state.missing:
            raise KeyError("a node was never generated")
        found.update(state.found)
    return found


class _Lookup:
    """Finds nodes in the source by the code of a piece around them that occurs there once.

    A piece's code is a substring of the module's code at the piece's place, so when it
    occurs once in the source (which is that code), it is at that place. A single-line
    expression is generated the same alone as in its module; a top-level statement too,
    whatever its lines (no enclosing block adds indentation).
    """

    def __init__(self, module: cst.Module, source: str) -> None:
        self.module = module
        self.source = source
        self.line_starts: list[int] = []

    def expression(self, node: cst.CSTNode, found: dict[int, Range]) -> bool:
        """Find a single-line expression by its own code; False if it is not one, or its code is not unique."""
        return isinstance(node, cst.BaseExpression) and self._find(node, [node], found, single_line=True)

    def statements(self, nodes: list[cst.CSTNode], found: dict[int, Range]) -> list[cst.CSTNode]:
        """Find nodes by the code of the top-level statements that hold them; the nodes not found."""
        holders = _Holders(self.module, {id(node) for node in nodes})
        with contextlib.suppress(_AllFound):
            walk(self.module, [holders])
        left = {id(node) for node in nodes}
        # Nodes outside the statements, and those of a last statement that the module's code ends without
        # its newline (no final newline in the file), are left to the module's code generation.
        body = self.module.body
        unlike = {id(self.module)} | ({id(body[-1])} if body and not self.module.has_trailing_newline else set())
        for statement, held in holders.found.items():
            if id(statement) not in unlike and self._find(statement, held, found):
                left.difference_update(id(node) for node in held)
        return [node for node in nodes if id(node) in left]

    def _find(
        self, piece: cst.CSTNode, nodes: list[cst.CSTNode], found: dict[int, Range], *, single_line: bool = False
    ) -> bool:
        assert _FAST is not None
        state = _FAST(self.module, {id(node) for node in nodes}, keep_code=True)
        piece._codegen(state)
        code = "".join(state.tokens)
        if state.missing or (single_line and ("\n" in code or "\r" in code)):
            return False
        start = self.source.find(code)
        if start < 0 or self.source.find(code, start + 1) >= 0:
            return False
        line, column = self._line_and_column(start)
        for node in nodes:
            first, first_column, last, last_column = state.found[id(node)]
            found[id(node)] = (
                line + first - 1,
                first_column + column if first == 1 else first_column,
                line + last - 1,
                last_column + column if last == 1 else last_column,
            )
        return True

    def _line_and_column(self, offset: int) -> tuple[int, int]:
        if not self.line_starts:
            self.line_starts = [0, *(match.end() for match in _NEWLINE.finditer(self.source))]
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1]


class _Holders(Visitor):
    """Collects the wanted nodes by the top-level statement that holds them; stops the walk when all are found."""

    def __init__(self, module: cst.Module, wanted: set[int]) -> None:
        self.statements = {id(statement) for statement in module.body}
        self.wanted = set(wanted)
        self.statement: cst.CSTNode = module
        self.found: dict[cst.CSTNode, list[cst.CSTNode]] = {}

    def __getattr__(self, name: str) -> object:
        if name.startswith("visit_"):
            return self.visit
        raise AttributeError(name)

    def visit(self, node: cst.CSTNode) -> None:
        if id(node) in self.statements:
            self.statement = node  # a pre-order walk reaches a statement's nodes after it, before the next one
        if id(node) in self.wanted:
            self.found.setdefault(self.statement, []).append(node)
            self.wanted.discard(id(node))
            if not self.wanted:
                raise _AllFound


class _AllFound(Exception):
    """Stops code generation once every wanted node has its range."""


try:
    from libcst._nodes.internal import CodegenState  # private: see the module docstring
except ImportError:  # pragma: no cover - only with a libcst that moved it
    _FAST = None
else:

    class _Positions(CodegenState):
        """A code-generation state that tracks line and column and records only the wanted nodes.

        It mirrors libcst's ``PositionProvidingCodegenState``: a node that calls
        ``record_syntactic_position`` spans what it records (an expression without its
        parentheses; a compound statement up to the end of its body), any other node its
        whole code.
        """

        def __init__(self, module: cst.Module, wanted: set[int], *, keep_code: bool = False) -> None:
            super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
            self.keep_code = keep_code  # keep the generated code, and generate all of it
            self.tracked = set(wanted)  # the wanted nodes, and children whose span a wanted one borrows
            self.missing = len(wanted)
            self.wanted = wanted
            self.line = 1
            self.column = 0
            self.starts: dict[int, tuple[int, int]] = {}
            self.found: dict[int, Range] = {}

        def add_indent_tokens(self) -> None:
            for token in self.indent_tokens:
                self.add_token(token)

        def add_token(self, value: str) -> None:
            if self.keep_code:
                self.tokens.append(value)
            if "\n" in value or "\r" in value:
                lines = _NEWLINE.split(value)
                self.line += len(lines) - 1
                self.column = len(lines[-1])
            else:
                self.column += len(value)

        def pop_trailing_newline(self) -> None:
            pass  # only reached when a wanted node was never generated; nothing is kept to pop

        def before_codegen(self, node: cst.CSTNode) -> None:
            if id(node) in self.tracked:
                self.starts[id(node)] = (self.line, self.column)

        def after_codegen(self, node: cst.CSTNode) -> None:
            key = id(node)
            if key in self.tracked and key not in self.found:
                self._record(key, self.starts[key], (self.line, self.column))

        def record_syntactic_position(  # type: ignore[override]  # any context manager will do, and most nodes get none
            self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
        ) -> contextlib.AbstractContextManager[None]:
            if id(node) not in self.tracked:
                return contextlib.nullcontext()
            return self._syntactic(id(node), start_node, end_node)

        @contextlib.contextmanager
        def _syntactic(self, key: int, start_node: cst.CSTNode | None, end_node: cst.CSTNode | None) -> Iterator[None]:
            self.tracked.update(id(child) for child in (start_node, end_node) if child is not None)
            start = (self.line, self.column)
            yield
            if start_node is not None:
                start = self.found[id(start_node)][:2]
            end = self.found[id(end_node)][2:] if end_node is not None else (self.line, self.column)
            self._record(key, start, end)

        def _record(self, key: int, start: tuple[int, int], end: tuple[int, int]) -> None:
            first = key not in self.found
            self.found[key] = (*start, *end)
            if first and key in self.wanted:
                self.missing -= 1
                if not self.missing and not self.keep_code:
                    raise _AllFound

    _FAST = _Positions
