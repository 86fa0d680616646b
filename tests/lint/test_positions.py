"""Node ranges from libcst's private code generation agree with its public PositionProvider."""

from __future__ import annotations

import random
from pathlib import Path

import libcst as cst
import pytest

from flake8_neon import positions
from flake8_neon.engine import lint_source
from flake8_neon.positions import node_ranges, provider_ranges
from flake8_neon.rules import RULES
from flake8_neon.settings import Settings

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
def test_ranges_match_position_provider(source: str) -> None:
    module = cst.parse_module(source)
    every = _Every()
    module.visit(every)
    nodes = every.nodes[1:]  # the module itself is never reported
    expected = provider_ranges(module, nodes)
    for wanted in (nodes, nodes[:1], nodes[-1:], nodes[len(nodes) // 2 :: 7]):
        found = node_ranges(module, wanted)
        for node in wanted:
            assert found[id(node)] == expected[id(node)], type(node).__name__


def test_without_the_private_hooks_positions_come_from_position_provider(monkeypatch: pytest.MonkeyPatch) -> None:
    source = 'import psycopg\n\nconn = psycopg.connect(\n    "postgresql://db.example.com/app?sslmode=require"\n)\n'
    expected = [(finding.line, finding.column, finding.code) for finding in lint_source(source, Settings())]
    monkeypatch.setattr(positions, "_FAST", None)
    assert [(finding.line, finding.column, finding.code) for finding in lint_source(source, Settings())] == expected
    assert expected == [(4, 4, "NEO101")]
