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


AS_WRITTEN = [
    "x = 1\n\x0cy = 'a'\n",  # libcst's code drops the form feed
    "\ufeffx = 'a'\n",  # and the byte-order mark
    "x = ['a']\nx = ['a']",  # no final newline: the last statement's code is not its code alone
    "def f():\r\n    return 'a'\r\ndef f():\r\n    return 'a'",
    "x = (\r  'a'\r)\rx = (\r  'a'\r)\r# tail",
]


@pytest.mark.parametrize("source", SOURCES + AS_WRITTEN, ids=range(len(SOURCES) + len(AS_WRITTEN)))
def test_ranges_found_in_the_source_match_position_provider(source: str) -> None:
    module = cst.parse_module(source)
    every = _Every()
    module.visit(every)
    nodes = every.nodes[1:]
    expected = provider_ranges(module, nodes)
    for wanted in (nodes, nodes[-1:], nodes[len(nodes) // 3 :: 5]):
        found = node_ranges(module, wanted, source)
        for node in wanted:
            assert found[id(node)] == expected[id(node)], type(node).__name__


LOOKUP_SOURCE = """\
import psycopg

DSN = "host=db.example.com dbname=app"


def primary():
    return psycopg.connect(DSN, sslmode="require")


def replica():
    return psycopg.connect(
        DSN, sslmode="require"
    )
"""


def _strings(module: cst.Module, value: str) -> list[cst.CSTNode]:
    every = _Every()
    module.visit(every)
    return [node for node in every.nodes if isinstance(node, cst.SimpleString) and node.value == value]


def test_nodes_are_found_without_generating_the_module_up_to_them(monkeypatch: pytest.MonkeyPatch) -> None:
    module = cst.parse_module(LOOKUP_SOURCE)
    nodes = _strings(module, '"require"') + _strings(module, '"host=db.example.com dbname=app"')
    expected = provider_ranges(module, nodes)
    assert [expected[id(node)][:2] for node in nodes] == [(7, 40), (12, 21), (3, 6)]

    def generated(self: cst.Module, state: object) -> None:
        raise AssertionError("the module's code was generated")

    monkeypatch.setattr(cst.Module, "_codegen", generated)
    found = node_ranges(module, nodes, LOOKUP_SOURCE)  # '"require"' twice: found by its statement's code
    assert [found[id(node)] for node in nodes] == [expected[id(node)] for node in nodes]


def test_a_piece_whose_code_occurs_twice_is_placed_by_generating_the_module() -> None:
    source = 'x = ["require"]\nx = ["require"]\n'
    module = cst.parse_module(source)
    nodes = _strings(module, '"require"')
    found = node_ranges(module, nodes, source)
    assert [found[id(node)] for node in nodes] == [(1, 5, 1, 14), (2, 5, 2, 14)]
