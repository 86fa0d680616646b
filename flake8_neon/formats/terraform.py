"""Terraform files (``*.tf``, ``*.tfvars``): HCL's strings, where Lambda, ECS, Cloud Run and Heroku settings live.

A token scan like the one for JSON: quoted strings (HCL's escapes, ``${...}`` interpolations
as unknown parts), heredocs (``<<EOT`` ... ``EOT``), ``#``, ``//`` and ``/* */`` comments, and
braces. A name before ``=`` (or ``:`` in an object) names the string after it; an object
with a ``name`` names its ``value`` (an ECS ``environment`` entry ``{ name = "PGSSLMODE",
value = "require" }``), and the items of one object (a ``host`` and an ``sslmode``) belong
together. Only strings without escapes are rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats.values import Example, Value, item_key

_TOKEN = re.compile(
    r'"(?:[^"\\\r\n]|\\.)*"|#[^\r\n]*|//[^\r\n]*|/\*.*?\*/|[{}\[\]]'
    r"|<<-?(?P<tag>[A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n(?P<heredoc>.*?)^[ \t]*(?P=tag)[ \t]*$"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)(?=[ \t]*(?:=(?!=)|:))",
    re.DOTALL | re.MULTILINE,
)
_KEY_END = re.compile(r"[ \t]*(?:=(?!=)|:)")
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)|\$\$\{|%%\{")


def values(text: str) -> Iterator[Value]:
    key: str | None = None
    names: list[str | None] = [None]  # the "name" item of each open object
    groups: list[int | None] = [None]  # where each open object starts
    for token in _TOKEN.finditer(text):
        raw = token.group()
        if token["name"] is not None:
            key = raw
            continue
        if raw in ("{", "["):
            names.append(None)
            groups.append(token.start() if raw == "{" else None)
            key = None
            continue
        if raw in ("}", "]"):
            if len(names) > 1:
                names.pop()
                groups.pop()
            key = None
            continue
        if token["heredoc"] is not None:
            # a heredoc holds text of any language (a shell script, a JSON document): judged, never rewritten
            yield Value(token.start("heredoc"), token["heredoc"], False, key, group=groups[-1])
            key = None
            continue
        if not raw.startswith('"'):
            continue  # a comment
        inner = raw[1:-1]
        decoded = _ESCAPE.sub(_unescape, inner)
        if _KEY_END.match(text, token.end()):
            key = decoded
            continue
        value_key = item_key(key, decoded, names)
        yield Value(token.start() + 1, decoded, decoded == inner, value_key, '"\\\r\n', groups[-1])
        key = None


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(1)
    if escape is None:
        return match.group()[1:]  # $${ and %%{ are a literal ${ and %{
    if escape[0] in "uU":
        return chr(int(escape[1:], 16))
    return _ESCAPES.get(escape, escape)


EXAMPLES = (
    Example('database_url = "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"\n'),
    Example(
        'resource "aws_lambda_function" "api" {\n  environment {\n    variables = {\n'
        '      DATABASE_URL = "postgresql://app@${aws_db_instance.main.address}/app?sslmode=verify-full"\n'
        "    }\n  }\n}\n"
    ),
    Example('# database_url = "postgresql://db.example.com/app?sslmode=disable"\n'),
    Example('environment = [{ name = "MODE", value = "require" }]\n'),
    Example(
        'database_url = "postgresql://app@db.example.com/app?sslmode=require"\n',
        ("NEO101",),
        'database_url = "postgresql://app@db.example.com/app?sslmode=verify-full"\n',
    ),
    Example(
        "environment {\n  variables = {\n    PGSSLMODE = \"prefer\"  # staging\n  }\n}\n",
        ("NEO108",),
        "environment {\n  variables = {\n    PGSSLMODE = \"verify-full\"  # staging\n  }\n}\n",
    ),
    # an ECS container definition: the object's name names its value
    Example(
        'environment = [\n  { name = "PGSSLMODE", value = "require" },\n'
        '  { name = "DATABASE_URL", value = "postgresql://app@${var.db_host}/app" },\n]\n',
        ("NEO108",),
        'environment = [\n  { name = "PGSSLMODE", value = "verify-full" },\n'
        '  { name = "DATABASE_URL", value = "postgresql://app@${var.db_host}/app" },\n]\n',
    ),
    Example(
        'locals {\n  db = {\n    host    = "pg.example.com"\n    sslmode = "require"\n  }\n}\n',
        ("NEO103",),
        'locals {\n  db = {\n    host    = "pg.example.com"\n    sslmode = "verify-full"\n  }\n}\n',
    ),
    Example(
        "user_data = <<-EOT\n  #!/bin/bash\n"
        "  echo 'DATABASE_URL=postgresql://app@db.example.com/app' >> /etc/app.env\nEOT\n",
        ("NEO102",),
    ),
)
