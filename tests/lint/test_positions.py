"""Finding positions agree with libcst's own PositionProvider (they come from its private codegen hooks)."""

from __future__ import annotations

import random
from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from flake8_neon.engine import finding_positions
from flake8_neon.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    *(example for rule in RULES for example in rule.VALID),
    *(invalid.code for rule in RULES for invalid in rule.INVALID),
    *(path.read_text() for path in sorted((ROOT / "examples").rglob("*.py"))),
    *(Path(module.__file__).read_text() for module in (random, pytest, cst)),  # type: ignore[arg-type]
    "x = (\n  'a'  # comment\n)\r\ny = [1,\r\n 2]\rz = 3\n",
]


class _Every(cst.CSTVisitor):
    def __init__(self) -> None:
        self.nodes: list[cst.CSTNode] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.nodes.append(node)
        return True


@pytest.mark.parametrize("source", SOURCES, ids=range(len(SOURCES)))
def test_positions_match_position_provider(source: str) -> None:
    module = cst.parse_module(source)
    expected = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    every = _Every()
    module.visit(every)
    nodes = every.nodes[1:]  # the module itself is never reported
    for wanted in (nodes, nodes[:1], nodes[-1:], nodes[len(nodes) // 2 :: 7]):
        found = finding_positions(module, wanted)
        for node in wanted:
            span = expected[node]
            assert found[id(node)] == (span.start.line, span.start.column, span.end.line), type(node).__name__
