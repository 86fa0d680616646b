"""Makefiles (``Makefile``, ``makefile``, ``GNUmakefile``, ``*.mk``) as GNU make reads them.

Line-oriented: a line that starts with a tab is a recipe line, run by the shell (after make's
``@``, ``-`` and ``+`` prefixes; a backslash continues it), so its words are read as shell
words. Any other line may assign a variable (``NAME = value``, ``:=``, ``?=``, ``+=``, ``!=``,
also after ``export`` or ``override``), whose value runs to a ``#`` comment: ``export
PGSSLMODE := require`` sets the environment of every recipe. ``$(NAME)`` and ``${NAME}`` are
make's variables, unknown parts like any placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats import shell
from flake8_neon.formats.values import Example, Value

#: One logical line: physical lines joined by a backslash before the newline.
_LOGICAL_LINE = re.compile(r"(?:[^\r\n\\]|\\(?:\r\n|[\s\S]))*", re.MULTILINE)
_ASSIGNMENT = re.compile(
    r"[ \t]*(?:(?:export|override)[ \t]+)*(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(?::::|::|[:?+!])?=[ \t]*"
    r"(?P<value>(?:[^#\r\n\\]|\\[\s\S])*?)[ \t]*(?:#.*)?$",
    re.DOTALL,
)
_RECIPE_PREFIXES = "@-+ \t"


def values(text: str) -> Iterator[Value]:
    for line in _LOGICAL_LINE.finditer(text):
        content = line.group()
        if not content.strip():
            continue
        if content.startswith("\t"):
            start = line.start() + len(content) - len(content.lstrip(_RECIPE_PREFIXES))
            yield from shell.values(text, start, line.end())
            continue
        assignment = _ASSIGNMENT.fullmatch(content)
        if assignment is not None and assignment["value"]:
            exact = "\\" not in assignment["value"] and "$$" not in assignment["value"]
            yield Value(line.start() + assignment.start("value"), assignment["value"], exact, assignment["key"])


EXAMPLES = (
    Example(
        "DATABASE_URL ?= postgresql://postgres:postgres@localhost:5432/app\n\n"
        'migrate:\n\tpsql "$(DATABASE_URL)" -f schema.sql\n'
    ),
    Example('# dump:\n#\tpg_dump "postgresql://db.example.com/app?sslmode=require"\n'),
    Example("export PGSSLMODE := verify-full\nURL = postgresql://db.example.com/app  # verified by PGSSLMODE\n"),
    Example(
        "export PGSSLMODE := prefer  # CI\n\n"
        'dump:\n\t@pg_dump "postgresql://backup@db.example.com/app?sslmode=require" > dump.sql\n',
        ("NEO101", "NEO108"),
        "export PGSSLMODE := verify-full  # CI\n\n"
        'dump:\n\t@pg_dump "postgresql://backup@db.example.com/app?sslmode=verify-full" > dump.sql\n',
    ),
    Example(
        "STAGING_URL = postgresql://app@staging.example.com/app\n"
        "seed:\n\tpsql $(STAGING_URL) \\\n\t  -f seed.sql\n",
        ("NEO102",),
        "STAGING_URL = postgresql://app@staging.example.com/app?sslmode=verify-full\n"
        "seed:\n\tpsql $(STAGING_URL) \\\n\t  -f seed.sql\n",
    ),
    Example('backup:\n\tPGSSLMODE=require pg_dump -h "$$DB_HOST" app > app.sql  # noqa: NEO108\n'),
    # an assignment indented inside a conditional is still an assignment, not a recipe
    Example(
        "ifeq ($(ENV),prod)\n  PROD_URL = postgresql://app@db.example.com/app?sslmode=prefer\nendif\n",
        ("NEO101",),
        "ifeq ($(ENV),prod)\n  PROD_URL = postgresql://app@db.example.com/app?sslmode=verify-full\nendif\n",
    ),
)
