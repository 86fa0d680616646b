"""dotenv files (``.env``, ``.env.*``, ``*.env``) as python-dotenv and docker compose read them.

Line-oriented, so a careful line scanner: ``[export] KEY=value`` with a value that is
single-quoted (literal), double-quoted (escapes, may span lines) or bare (up to a `` #``
comment). Comment lines are never values.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats.values import Example, Value

_ASSIGNMENT = re.compile(r"^[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*", re.MULTILINE)
_BARE = re.compile(r"[^\r\n]*?(?=[ \t]+#|[ \t]*(?:\r?\n|\r|$))")


def values(text: str) -> Iterator[Value]:
    for match in _ASSIGNMENT.finditer(text):
        key, position = match["key"], match.end()
        quote = text[position : position + 1]
        if quote == "'":
            closing = text.find("'", position + 1)
            if closing < 0:
                continue
            inner = text[position + 1 : closing]
            yield Value(position + 1, inner, "\\" not in inner, key, "'\r\n")
        elif quote == '"':
            closing = position + 1
            while closing < len(text) and text[closing] != '"':
                closing += 2 if text[closing] == "\\" else 1
            inner = text[position + 1 : closing]
            decoded = re.sub(r"\\(.)", lambda escape: {"n": "\n", "t": "\t"}.get(escape[1], escape[1]), inner)
            yield Value(position + 1, decoded, decoded == inner, key, '"\\$\r\n')
        else:
            bare = _BARE.match(text, position)
            if bare is not None and bare.group():
                yield Value(position, bare.group(), True, key, "#'\"\r\n")


EXAMPLES = (
    # copies to fill in: the host is a word to replace, as a ${VAR} is; a static weak sslmode still counts
    Example(
        'DATABASE_URL="postgresql://USER:PASSWORD@HOST:PORT/DATABASE?schema=public"\n'
        "PG_URL=postgresql://<user>:<password>@<host>/<database>\n"
    ),
    Example("DATABASE_URL=postgresql://user:password@host:port/database?sslmode=require\n", ("NEO101",)),
    Example("DATABASE_URL=postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=verify-full&sslrootcert=system\n"),
    Example("# DATABASE_URL=postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=require\n"),
    Example("DATABASE_URL=postgres://postgres:postgres@localhost:5432/app\nPGSSLMODE=verify-full\n"),
    Example("DATABASE_URL=${DATABASE_URL}\nDB_HOST=db.example.com\n"),
    Example("PGSSLMODE=verify-full\nDATABASE_URL=postgresql://db.example.com/app\n"),
    Example('NPGSQL="Host=db.example.com;Database=app;SSL Mode=Require"\n'),
    Example(
        "# Neon console string\nDATABASE_URL=postgresql://neondb_owner:secret@ep-cool-1.neon.tech/neondb"
        "?sslmode=require&channel_binding=require\n",
        ("NEO101",),
        "# Neon console string\nDATABASE_URL=postgresql://neondb_owner:secret@ep-cool-1.neon.tech/neondb"
        "?sslmode=verify-full&channel_binding=require\n",
    ),
    Example(
        'export DATABASE_URL="postgres://app@db.example.com:5432/app"   # staging\r\nPGSSLMODE=\'prefer\'\r\n',
        ("NEO102", "NEO108"),
        'export DATABASE_URL="postgres://app@db.example.com:5432/app?sslmode=verify-full"   # staging\r\n'
        "PGSSLMODE='verify-full'\r\n",
    ),
    Example(
        "DATABASE_URL=postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app?sslmode=require\n",
        ("NEO101",),
    ),
    Example("DSN=\"host=db.example.com dbname=app sslmode=\\'disable\\'\"\n", ("NEO101",)),
    Example(
        "DATABASE_URL=postgresql://db.example.com/app?sslmode=no-verify\nQUIET=postgresql://x.example.com/a  # noqa\n",
        ("NEO105",),
        "DATABASE_URL=postgresql://db.example.com/app?sslmode=verify-full\nQUIET=postgresql://x.example.com/a  # noqa\n",
    ),
    # GORM's DSN for pgx: libpq's settings plus the client's own (TimeZone), judged without them, never rewritten
    Example('DSN="host=db.example.com user=app dbname=app sslmode=disable TimeZone=Asia/Shanghai"\n', ("NEO101",)),
    Example('DSN="host=localhost dbname=app sslmode=disable TimeZone=UTC"\n'),
    # a fallback is what is used when the variable is unset: judged, and fixed in place
    Example(
        "DATABASE_URL=${DATABASE_URL:-postgresql://app@db.example.com/app}\nPGSSLMODE=${PGSSLMODE:-require}\n",
        ("NEO102", "NEO108"),
        "DATABASE_URL=${DATABASE_URL:-postgresql://app@db.example.com/app?sslmode=verify-full}\n"
        "PGSSLMODE=${PGSSLMODE:-verify-full}\n",
    ),
)
