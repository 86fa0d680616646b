"""JSON files (``*.json``, also with ``//`` comments as in devcontainer.json), and JSON arrays in Dockerfiles.

A JSON string cannot hold an unescaped quote, so one left-to-right token scan finds every
string exactly; the standard ``json`` module decodes each. A string followed by ``:`` is a
key and names the value after it; ``{"name": "PGSSLMODE", "value": "require"}`` (a
Kubernetes ``env`` entry, an ECS task definition; also ``key``) names its ``value`` too, and so
does the environment variable an object describes (Heroku's ``app.json``:
``"PGSSLMODE": {"description": "...", "value": "require"}``).
JSON has no comments to put ``noqa`` in: use ``exclude`` or ``ignore``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from flake8_neon.formats import shell
from flake8_neon.formats.values import VARIABLE, Example, Value, item_key

_TOKEN = re.compile(r'"(?:[^"\\\r\n]|\\.)*"|//[^\r\n]*|/\*.*?\*/|[{}]', re.DOTALL)
_KEY_END = re.compile(r"\s*:")
_FORBIDDEN = '"\\\r\n'


def values(text: str, start: int = 0, end: int | None = None) -> Iterator[Value]:
    key: str | None = None
    names: list[str | None] = [None]  # the "name" of each open object, or the variable it describes
    groups: list[int] = [-1]  # the offset of each open object's brace
    stop = len(text) if end is None else end
    for token in _TOKEN.finditer(text, start, stop):
        raw = token.group()
        if raw == "{":
            names.append(key if key is not None and VARIABLE.fullmatch(key) else None)
            groups.append(token.start())
            key = None
            continue
        if raw == "}":
            if len(names) > 1:
                names.pop()
                groups.pop()
            continue
        if not raw.startswith('"'):
            continue  # a comment
        try:
            decoded = json.loads(raw)
        except ValueError:
            continue
        if _KEY_END.match(text, token.end()):
            key = decoded
            continue
        inner = raw[1:-1]
        group = groups[-1] if key is not None and groups[-1] >= 0 else None
        value = Value(token.start() + 1, decoded, decoded == inner, item_key(key, decoded, names), _FORBIDDEN, group)
        yield value
        yield from shell.command_hosts(value)  # a ``scripts`` entry: ``"db:dump": "pg_dump -h db.example.com app"``
        key = None


EXAMPLES = (
    # a script's libpq client given a written-out host and no sslmode
    Example('{"scripts": {"db:dump": "pg_dump -h db.example.com -U app app > dump.sql"}}\n', ("NEO102",)),
    Example('{"scripts": {"db:local": "psql -h localhost -U postgres", "db:url": "psql -h \\"$DB_HOST\\" app"}}\n'),
    Example('{"database": {"url": "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"}}\n'),
    Example('{"env": [{"name": "PGSSLMODE", "value": "verify-full"}, {"name": "MODE", "value": "require"}]}\n'),
    Example(
        '{\n  // "url": "postgresql://db.example.com/app?sslmode=disable"\n'
        '  "url": "${localEnv:DATABASE_URL}"\n}\n'
    ),
    Example(
        '{\r\n  "url": "postgresql://app@db.example.com/app?sslmode=require"\r\n}\r\n',
        ("NEO101",),
        '{\r\n  "url": "postgresql://app@db.example.com/app?sslmode=verify-full"\r\n}\r\n',
    ),
    Example(
        '{"containers": [{"env": [{"name": "PGSSLMODE", "value": "require"}]}]}',
        ("NEO108",),
        '{"containers": [{"env": [{"name": "PGSSLMODE", "value": "verify-full"}]}]}',
    ),
    Example('{"dsn": "host=db.example.com dbname=caf\\u00e9 sslmode=prefer"}', ("NEO101",)),
    Example(
        '{"Servers": {"1": {"Host": "pg.example.com", "ConnectionParameters": {"sslmode": "prefer"}}}}',
        ("NEO103",),
        '{"Servers": {"1": {"Host": "pg.example.com", "ConnectionParameters": {"sslmode": "verify-full"}}}}',
    ),
    Example('{"db": {"host": "127.0.0.1", "sslmode": "disable"}, "modes": {"enum": ["disable", "require"]}}'),
    # pgAdmin's older servers.json spells it SSLMode, beside the server's Host
    Example(
        '{"Servers": {"1": {"Host": "db.example.com", "SSLMode": "prefer"},\n'
        '             "2": {"Host": "localhost", "SSLMode": "disable"}}}\n',
        ("NEO103",),
        '{"Servers": {"1": {"Host": "db.example.com", "SSLMode": "verify-full"},\n'
        '             "2": {"Host": "localhost", "SSLMode": "disable"}}}\n',
    ),
    # Heroku's app.json: an object describes the variable its key names
    Example(
        '{"env": {"PGSSLMODE": {"description": "TLS", "value": "prefer"}, "WORKERS": {"value": "require"}}}',
        ("NEO108",),
        '{"env": {"PGSSLMODE": {"description": "TLS", "value": "verify-full"}, "WORKERS": {"value": "require"}}}',
    ),
    Example('{"env": {"DATABASE_URL": {"description": "postgresql://user@host/db?sslmode=verify-full"}}}'),
)
