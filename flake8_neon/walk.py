"""A fast pre-order walk over a libcst tree, calling each visitor's ``visit_<Node>``/``leave_<Node>``.

libcst's own ``visit`` rebuilds every node it passes, read-only visitors included, which
costs about as much as the parse. This walk only reads: it follows the fields that hold
code (expressions, statements, arguments...) and skips whitespace, comments, brackets and
operators, which no visitor here looks at.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Sequence

import libcst as cst

_SKIPPED_FIELDS = frozenset(
    {
        "asynchronous",
        "colon",
        "comma",
        "comment",
        "dot",
        "empty_lines",
        "equal",
        "first_colon",
        "first_line",
        "footer",
        "header",
        "indent",
        "last_line",
        "lbrace",
        "lbracket",
        "leading_lines",
        "leading_whitespace",
        "lines_after_decorators",
        "lpar",
        "newline",
        "operator",
        "posonly_ind",
        "rbrace",
        "rbracket",
        "relative",
        "rpar",
        "second_colon",
        "semicolon",
        "separator",
        "star",
        "trailing_comma",
        "trailing_whitespace",
    }
)

Handler = Callable[[cst.CSTNode], None]


class Visitor:
    """Something :func:`walk` calls: define ``visit_<Node>(node)`` and ``leave_<Node>(node)``."""


class Recorder(Visitor):
    """Keeps, in walk order, the nodes that visitors (or visitor classes) want to see later (see :func:`replay`)."""

    def __init__(self, visitors: Iterable[object]) -> None:
        self.wanted = {name for visitor in visitors for name in dir(visitor) if name.startswith("visit_")}
        self.nodes: list[cst.CSTNode] = []

    def __getattr__(self, name: str) -> Handler:
        if name in self.wanted:
            return self.nodes.append
        raise AttributeError(name)


def replay(nodes: Sequence[cst.CSTNode], visitors: Sequence[Visitor]) -> None:
    """Call the visitors' ``visit_`` methods on recorded nodes, as a second walk would, without walking."""
    table: dict[type, list[Handler]] = {}
    for node in nodes:
        kind = type(node)
        handlers = table.get(kind)
        if handlers is None:
            handlers = table[kind] = _handlers(visitors, f"visit_{kind.__name__}")
        for handler in handlers:
            handler(node)


def walk(root: cst.CSTNode, visitors: Sequence[Visitor]) -> None:
    """Visit ``root`` and everything under it, parents before children, in field order.

    For each node the visitors' ``visit_`` methods run in the given order, and after its
    children their ``leave_`` methods in reverse order.
    """
    table: dict[type, tuple[list[Handler], list[Handler]]] = {}
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        kind = type(node)
        handlers = table.get(kind)
        if handlers is None:
            name = kind.__name__
            handlers = table[kind] = (
                _handlers(visitors, f"visit_{name}"),
                _handlers(reversed(visitors), f"leave_{name}"),
            )
        if leaving:
            for handler in handlers[1]:
                handler(node)
            continue
        for handler in handlers[0]:
            handler(node)
        if handlers[1]:
            stack.append((node, True))
        found = children(node)
        found.reverse()
        stack.extend((child, False) for child in found)


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """The code-bearing children of ``node`` (no whitespace, brackets or operators), in field order."""
    found: list[cst.CSTNode] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            found.extend(item for item in value if _is_node(type(item)))
        elif _is_node(kind):
            found.append(value)
    return found


_NODE_TYPES: dict[type, bool] = {}


def _is_node(kind: type) -> bool:
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = issubclass(kind, cst.CSTNode)
    return known


@functools.cache
def _child_fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    return tuple(
        field.name
        for field in dataclasses.fields(kind)
        if field.name not in _SKIPPED_FIELDS and not field.name.startswith("whitespace")
    )


def _handlers(visitors: Iterable[Visitor], name: str) -> list[Handler]:
    return [handler for visitor in visitors if (handler := getattr(visitor, name, None)) is not None]
