"""TOML files (``*.toml``: pyproject.toml, tox.toml, fly.toml, netlify.toml, ...).

``tomllib`` gives no positions, so a careful token scan finds every string exactly (basic,
literal and both multi-line forms; ``#`` comments skipped) and the key written before its
``=``. Only strings without escapes are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats import shell
from flake8_neon.formats.values import Example, Value

_TOKEN = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\'|#[^\r\n]*'
    r"|(?P<bare>[A-Za-z0-9_-]+)(?=[ \t]*=)|(?P<table>^[ \t]*\[)",
    re.DOTALL | re.MULTILINE,
)
_KEY_END = re.compile(r"[ \t]*=(?!=)")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def values(text: str) -> Iterator[Value]:
    key: str | None = None
    table: int | None = None  # where the current [table] starts: its keys are one group
    for token in _TOKEN.finditer(text):
        raw = token.group()
        if token["table"] is not None:
            table, key = token.start(), None
            continue
        if raw.startswith("#"):
            continue
        if token["bare"] is not None:
            key = raw
            continue
        quote = raw[:3] if raw[:3] in ('"""', "'''") else raw[0]
        inner_start = token.start() + len(quote)
        inner = raw[len(quote) : len(raw) - len(quote)]
        if len(quote) == 3 and inner.startswith(("\n", "\r\n")):  # a newline right after the quotes is dropped
            dropped = 1 if inner.startswith("\n") else 2
            inner, inner_start = inner[dropped:], inner_start + dropped
        decoded = inner if quote[0] == "'" else _unescape(inner)
        if _KEY_END.match(text, token.end()):
            key = decoded
            continue
        value = Value(inner_start, decoded, decoded == inner, key, quote[0] + "\\\r\n", table)
        yield value
        yield from shell.command_hosts(value)  # a task: ``dump = "pg_dump -h db.example.com app"``


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape[0] in "uU":
            return chr(int(escape[1:], 16))
        if escape[0] in " \t\r\n":
            return ""  # a line-ending backslash
        return _ESCAPES.get(escape, escape)

    return re.sub(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[ \t]*\r?\n\s*|.)", replace, text)


EXAMPLES = (
    # a task's libpq client given a written-out host and no sslmode
    Example('[tool.poe.tasks]\ndump = "pg_dump -h db.example.com -U app app"\n', ("NEO102",)),
    Example('[tool.poe.tasks]\nlocal = "psql -h 127.0.0.1 -U postgres"\n'),
    Example('[tool.app]\ndatabase_url = "postgresql://db.example.com/app?sslmode=verify-full&sslrootcert=system"\n'),
    Example('[env]\n# DATABASE_URL = "postgresql://db.example.com/app?sslmode=disable"\nPGSSLMODE = "verify-full"\n'),
    Example('[tool.pytest.ini_options]\nenv = ["DATABASE_URL=postgresql://localhost/test"]\n'),
    Example(
        '[env]\nPGSSLMODE = "require"  # staging\n',
        ("NEO108",),
        '[env]\nPGSSLMODE = "verify-full"  # staging\n',
    ),
    Example(
        "[tool.pytest.ini_options]\nenv = [\n  'PGSSLMODE=prefer',\n]\n",
        ("NEO108",),
        "[tool.pytest.ini_options]\nenv = [\n  'PGSSLMODE=verify-full',\n]\n",
    ),
    Example(
        '[databases]\nmain = { url = "postgres://app@db.example.com/app?sslmode=require" }\r\n'
        "replica = '''host=replica.example.com dbname=app'''\r\n",
        ("NEO101", "NEO102"),
        '[databases]\nmain = { url = "postgres://app@db.example.com/app?sslmode=verify-full" }\r\n'
        "replica = '''host=replica.example.com dbname=app sslmode=verify-full'''\r\n",
    ),
    Example('[app]\nurl = "postgresql://db.example.com/app?sslmode=\\u0064isable"\n', ("NEO101",)),
    Example(
        '[database]\nhost = "pg.example.com"\nsslmode = "prefer"\n',
        ("NEO103",),
        '[database]\nhost = "pg.example.com"\nsslmode = "verify-full"\n',
    ),
    Example('[database]\nhost = "localhost"\nsslmode = "disable"\n\n[cache]\nhost = "redis.example.com"\n'),
)
