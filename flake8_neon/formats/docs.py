"""Markdown and reStructuredText (off by default: documentation, not configuration; ``--docs`` turns it on).

Every line is text that may hold a connection URI or ``PGSSLMODE=...`` (in prose, code
blocks or examples); key/value strings are only recognised when a whole line is one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats.values import Example, Value

_LINE = re.compile(r"^[^\r\n]+", re.MULTILINE)


def values(text: str) -> Iterator[Value]:
    for line in _LINE.finditer(text):
        yield Value(line.start(), line.group(), True, None, "\r\n")


EXAMPLES = (
    Example("Connect with `postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system`.\n"),
    Example(
        "```sh\nexport DATABASE_URL='postgresql://app@db.example.com/app?sslmode=require'\n```\n",
        ("NEO101",),
        "```sh\nexport DATABASE_URL='postgresql://app@db.example.com/app?sslmode=verify-full'\n```\n",
    ),
    Example("Use the JDBC URL jdbc:postgresql://db.example.com/app?sslmode=require.\n"),
)
