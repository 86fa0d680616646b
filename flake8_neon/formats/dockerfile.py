"""Dockerfiles and Containerfiles: ``ENV``/``ARG`` settings and the shell text of ``RUN`` and friends.

Line-oriented (instructions, ``\\`` continuations, ``#`` comment lines), so a careful
scanner: ``ENV KEY value`` (the old form) is one setting; everything else is read as shell
words, and the exec form (``CMD ["psql", "..."]``) as JSON strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats import json_files, shell
from flake8_neon.formats.values import Example, Value

_INSTRUCTION = re.compile(r"^[ \t]*(?P<name>[A-Za-z]+)[ \t]+", re.MULTILINE)
_OLD_ENV = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]+(?P<value>[^\r\n]*?)[ \t]*(?=\r?\n|\r|$)")


def values(text: str) -> Iterator[Value]:
    for match in _INSTRUCTION.finditer(text):
        if _continues_previous(text, match.start()):
            continue
        start = match.end()
        end = _instruction_end(text, start)
        name = match["name"].upper()
        first_word = text[start:end].split(None, 1)[:1]
        if name in ("ENV", "ARG") and first_word and "=" not in first_word[0]:
            old = _OLD_ENV.match(text, start, end)
            if old is not None:
                value = old["value"]
                yield Value(old.start("value"), value, not any(char in value for char in "\"'\\"), old["key"])
            continue
        if text.startswith("[", start):
            yield from json_files.values(text, start, end)
        else:
            yield from shell.values(text, start, end)


def _continues_previous(text: str, line_start: int) -> bool:
    """True when the line at ``line_start`` continues the instruction before it."""
    before = text[:line_start].rstrip("\r\n")
    if not before:
        return False
    last_line = before[before.rfind("\n") + 1 :]
    return last_line.rstrip().endswith("\\") and not last_line.lstrip().startswith("#")


def _instruction_end(text: str, position: int) -> int:
    while True:
        newline = text.find("\n", position)
        if newline < 0:
            return len(text)
        line = text[position:newline].rstrip("\r \t")
        if not line.endswith("\\") or line.lstrip().startswith("#"):
            return newline
        position = newline + 1


EXAMPLES = (
    Example("FROM python:3.12-slim\nENV PGSSLMODE=verify-full PGSSLROOTCERT=/etc/ssl/certs/ca-certificates.crt\n"),
    Example('FROM python:3.12-slim\nARG DATABASE_URL\nRUN psql "$DATABASE_URL" -c "select 1"\n'),
    Example("FROM postgres:16\n# ENV PGSSLMODE disable\nENV POSTGRES_PASSWORD=postgres\n"),
    Example(
        "FROM python:3.12-slim\nENV PGSSLMODE require\n",
        ("NEO108",),
        "FROM python:3.12-slim\nENV PGSSLMODE verify-full\n",
    ),
    Example(
        "FROM python:3.12-slim\nENV APP_ENV=prod \\\n"
        '    DATABASE_URL="postgresql://app@db.example.com/app?sslmode=prefer"\n',
        ("NEO101",),
        "FROM python:3.12-slim\nENV APP_ENV=prod \\\n"
        '    DATABASE_URL="postgresql://app@db.example.com/app?sslmode=verify-full"\n',
    ),
    Example(
        'FROM alpine\nCMD ["psql", "host=db.example.com dbname=app"]\n',
        ("NEO102",),
        'FROM alpine\nCMD ["psql", "host=db.example.com dbname=app sslmode=verify-full"]\n',
    ),
    Example(
        "FROM python:3.12-slim\nRUN pip install app && \\\n    PGSSLMODE=disable app migrate\n",
        ("NEO108",),
        "FROM python:3.12-slim\nRUN pip install app && \\\n    PGSSLMODE=verify-full app migrate\n",
    ),
)
