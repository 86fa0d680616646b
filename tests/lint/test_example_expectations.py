"""examples/lint/bad_*.py mark each line where the linter must report (an ``expect:`` comment with the codes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from flake8_neon.engine import lint_source
from flake8_neon.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "lint"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<codes>NEO\d+(?:\s*,\s*NEO\d+)*)")


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("bad_*.py")), ids=lambda path: path.name)
def test_every_finding_is_where_the_example_expects_it(path: Path) -> None:
    source = path.read_text()
    expected = {
        (number, code.strip())
        for number, line in enumerate(source.splitlines(), 1)
        if (match := _EXPECT.search(line))
        for code in match["codes"].split(",")
    }
    assert expected, f"{path.name} marks no expected finding"
    assert {(finding.line, finding.code) for finding in lint_source(source, Settings())} == expected
