"""A fast pre-order walk over a libcst tree, calling each visitor's ``visit_<Node>``/``leave_<Node>``.

libcst's own ``visit`` rebuilds every node it passes, read-only visitors included, which
costs about as much as the parse. This walk only reads: it follows the fields that hold
code (expressions, statements, arguments...) and skips whitespace, comments, brackets and
operators, which no visitor here looks at.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

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
    table: dict[type, _Kind] = {}
    stack: list[Any] = [root]  # nodes to visit (or None, sentinels), and (node,) to leave
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind is tuple:
            node = node[0]
            for handler in table[type(node)].leave:
                handler(node)
            continue
        entry = table.get(kind)
        if entry is None:
            entry = table[kind] = _Kind.of(kind, visitors)
        for handler in entry.visit:
            handler(node)
        if entry.leave:
            push((node,))
        for name in entry.fields:
            value = getattr(node, name)
            if type(value) is list or type(value) is tuple:
                extend(value[::-1])
            else:
                push(value)  # a node, or None or a sentinel: those have no handlers and no fields


class _Kind(NamedTuple):
    """What :func:`walk` does with a node of one type: its handlers, and the fields to walk into, last first."""

    visit: list[Handler]
    leave: list[Handler]
    fields: tuple[str, ...]

    @classmethod
    def of(cls, kind: type, visitors: Sequence[Visitor]) -> _Kind:
        if not issubclass(kind, cst.CSTNode):
            return cls([], [], ())
        name = kind.__name__
        return cls(
            _handlers(visitors, f"visit_{name}"),
            _handlers(reversed(visitors), f"leave_{name}"),
            _child_fields(kind)[::-1],
        )


@functools.cache
def _child_fields(kind: type[cst.CSTNode]) -> tuple[str, ...]:
    """The fields of ``kind`` that can hold code, in field order.

    Fields whose annotation admits no node (``str``, ``bool``, literals) are left out.
    """
    try:
        hints = typing.get_type_hints(kind)
    except Exception:  # an annotation that does not resolve: look at the field's value instead
        hints = {}
    return tuple(
        field.name
        for field in dataclasses.fields(kind)
        if field.name not in _SKIPPED_FIELDS
        and not field.name.startswith("whitespace")
        and (field.name not in hints or _may_hold_node(hints[field.name]))
    )


def _may_hold_node(annotation: object) -> bool:
    if isinstance(annotation, type):
        return issubclass(annotation, cst.CSTNode)
    if typing.get_origin(annotation) is typing.Literal:
        return False
    arguments = typing.get_args(annotation)
    return not arguments or any(_may_hold_node(argument) for argument in arguments)


def _handlers(visitors: Iterable[Visitor], name: str) -> list[Handler]:
    return [handler for visitor in visitors if (handler := getattr(visitor, name, None)) is not None]
