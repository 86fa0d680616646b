"""Where nodes stand in the code libcst generates: the one place that uses libcst's private code generation.

``PositionProvider`` records every node of the module in a second full pass, which cost
about half of the linter's time on files with findings. :func:`node_ranges` instead
follows libcst's code generation (``CodegenState``, private) only as far as the last wanted
node and records nothing else. If libcst's private API is not what this module expects, it
falls back to ``PositionProvider``; the tests compare both on real modules.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

#: ``(start line, start column, end line, end column)``, lines from 1, columns from 0,
#: as ``PositionProvider`` gives them (an expression without its parentheses).
Range = tuple[int, int, int, int]

_NEWLINE = re.compile(r"\r\n?|\n")


def node_ranges(module: cst.Module, nodes: Sequence[cst.CSTNode]) -> dict[int, Range]:
    """The range of each node (by ``id``) in ``module.code``."""
    if _FAST is not None:
        try:
            return _fast_ranges(module, nodes)
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


def _fast_ranges(module: cst.Module, nodes: Sequence[cst.CSTNode]) -> dict[int, Range]:
    assert _FAST is not None
    state = _FAST(module, {id(node) for node in nodes})
    with contextlib.suppress(_AllFound):
        module._codegen(state)
    if state.missing:
        raise KeyError("a node was never generated")
    return state.found


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

        def __init__(self, module: cst.Module, wanted: set[int]) -> None:
            super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
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
                if not self.missing:
                    raise _AllFound

    _FAST = _Positions
