"""Fixing implicitly concatenated strings: each change lands inside the literal it falls in."""

from __future__ import annotations

import os

import libcst as cst
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_neon.conninfo import parse
from flake8_neon.literals import rewrite_concatenation, static_text

DSNS = [
    "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=require",
    "postgresql://db.example.com/app?ssl=true&application_name=web",
    "postgresql://db.example.com/app",
    "host=db.example.com dbname=app sslmode=verify-ca user=app",
    "host=db.example.com requiressl=1",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(DSNS), st.lists(st.integers(1, 60), min_size=1, max_size=3, unique=True))
def test_fixed_concatenation_spells_the_rewritten_string(dsn: str, cuts: list[int]) -> None:
    points = [0, *sorted(cut for cut in cuts if cut < len(dsn)), len(dsn)]
    pieces = [dsn[start:end] for start, end in zip(points, points[1:])]
    if len(pieces) < 2:
        return
    node = cst.parse_expression(" ".join(f'"{piece}"' for piece in pieces))
    assert isinstance(node, cst.ConcatenatedString)
    expected = parse(dsn).with_verify_full()
    fix = rewrite_concatenation(node, expected)
    prefix = len(os.path.commonprefix([dsn, expected]))
    suffix = len(os.path.commonprefix([dsn[prefix:][::-1], expected[prefix:][::-1]]))
    if fix is None:  # allowed only where the change straddles two literals: nothing is reflowed
        assert any(prefix < cut < len(dsn) - suffix for cut in points)
        return
    replaced = dict((id(leaf), text) for leaf, text in fix)
    literals = [replaced.get(id(leaf), leaf.value) for leaf in _leaves(node)]
    assert all(literal.count('"') == 2 for literal in literals)  # no literal merged or split
    fixed = cst.parse_expression(" ".join(literals))
    static = static_text(fixed)
    assert static is not None and static.text == expected


def test_a_literal_with_escapes_is_left_alone() -> None:
    node = cst.parse_expression('"postgresql://db.example.com/app" "?sslmode=dis\\x61ble"')
    assert isinstance(node, cst.ConcatenatedString)
    assert rewrite_concatenation(node, "postgresql://db.example.com/app?sslmode=verify-full") is None


def _leaves(node: cst.BaseExpression) -> list[cst.SimpleString]:
    if isinstance(node, cst.ConcatenatedString):
        return [*_leaves(node.left), *_leaves(node.right)]
    assert isinstance(node, cst.SimpleString)
    return [node]
