"""What the command prints: findings as text, JSON or SARIF, and the explanation of each code."""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from flake8_neon.unchecked import EXPLANATION, UNCHECKED


@dataclass(frozen=True)
class Report:
    """One line of output: a finding, or a file that could not be checked (``code`` is None)."""

    path: str
    line: int
    column: int
    code: str | None
    message: str
    fixable: bool = False


def emit(reports: Sequence[Report], output_format: str, out: TextIO) -> None:
    """Write ``reports`` to ``out`` as ``text``, ``json`` or ``sarif``."""
    if output_format == "json":
        json.dump([asdict(report) for report in reports], out, indent=2)
        out.write("\n")
    elif output_format == "sarif":
        json.dump(_sarif(reports), out, indent=2)
        out.write("\n")
    else:
        for report in reports:
            if report.code is None:
                out.write(f"{report.path}: error: {report.message}\n")
            else:
                out.write(f"{report.path}:{report.line}:{report.column}: {report.code} {report.message}\n")


def explanations() -> dict[str, tuple[str, str]]:
    """``code -> (name, full explanation)`` for every code, from each rule's docstring."""
    from flake8_neon.rules import RULES  # imports libcst: only when explanations are asked for

    found = {UNCHECKED: ("UncheckedFile", inspect.cleandoc(EXPLANATION))}
    found.update({rule.CODE: (rule.__name__, inspect.cleandoc(rule.__doc__ or "")) for rule in RULES})
    return found


def explain(code: str) -> str | None:
    """The explanation of ``code`` as ``flake8-neon --explain CODE`` prints it; ``all``: the README's listing."""
    known = explanations()
    if code.lower() == "all":
        return "\n".join(f"#### {key}: {name}\n\n{text}\n" for key, (name, text) in sorted(known.items()))
    if code.upper() not in known:
        return None
    name, text = known[code.upper()]
    return f"{code.upper()} ({name})\n\n{text}\n"


def artifact_uri(path: str) -> str:
    """A SARIF ``artifactLocation.uri``: a percent-encoded relative reference, or a ``file:`` URI."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(Path(path).as_posix(), safe="/")


def _sarif(reports: Sequence[Report]) -> dict[str, Any]:
    rules = [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": text.splitlines()[0]},
            "fullDescription": {"text": text},
            "help": {"text": text, "markdown": text},
        }
        for code, (name, text) in sorted(explanations().items())
    ]
    results = [
        {
            "ruleId": report.code or UNCHECKED,
            "level": "error",
            "message": {"text": report.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(report.path)},
                        "region": {"startLine": max(report.line, 1), "startColumn": max(report.column, 1)},
                    }
                }
            ],
        }
        for report in reports
    ]
    return {
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{"tool": {"driver": {"name": "flake8-neon", "rules": rules}}, "results": results}],
    }
