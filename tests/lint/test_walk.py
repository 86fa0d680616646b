"""The rules' walk reaches every expression and statement that libcst's own visitor reaches."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from flake8_neon.walk import Visitor, walk

_CODE = (cst.BaseExpression, cst.BaseStatement, cst.BaseSmallStatement, cst.Arg, cst.BaseDictElement, cst.Param)
SOURCES = {
    "random": Path(random.__file__).read_text(),
    "cst-expression": Path(cst.__file__).with_name("_nodes").joinpath("expression.py").read_text(),
    "newer syntax": textwrap.dedent(
        """
        match command:
            case {"host": host, **rest} if host:
                pass
            case [first, *others]:
                pass
        async def f[T](x: T, /, *args, key=lambda y: y, **kwargs) -> T:
            async with a as (b, c):
                return [z async for z in x if await z]
        try:
            pass
        except* (ValueError, TypeError) as group:
            print(f"{group!r:>10}")
        """
    ),
}


class _Libcst(cst.CSTVisitor):
    def __init__(self) -> None:
        self.seen: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, _CODE):
            self.seen.append(node)
        return True


class _Ours(Visitor):
    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.left: set[int] = set()

    def __getattr__(self, name: str):  # a handler for every node type
        if name.startswith("visit_"):
            return lambda node: self.seen.add(id(node))
        if name.startswith("leave_"):
            return lambda node: self.left.add(id(node))
        raise AttributeError(name)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_expression_and_statement_is_visited_and_left(name: str) -> None:
    module = cst.parse_module(SOURCES[name])
    theirs, ours = _Libcst(), _Ours()
    module.visit(theirs)
    walk(module, [ours])
    missing = [type(node).__name__ for node in theirs.seen if id(node) not in ours.seen]
    assert not missing
    assert ours.left == ours.seen
