"""Cheap tests that decide whether a file is worth a libcst parse (about 10x an ``ast`` parse).

The text stage runs on every file, so it is made of substring searches, the cheapest scan
Python has: each alternative is a word that every match contains, and where the word alone
is not the whole alternative, a regular expression that starts with that word decides
(an expression starting with ``\\b`` or an alternation of many words makes ``re`` try
every position of the text).
"""

from __future__ import annotations

import ast
import re

from flake8_neon.conninfo import ConninfoError, looks_like_conninfo, parse
from flake8_neon.drivers import DICT_ENGINES

#: ``(word, expression)``: the word every match contains, and the expression that decides (None: the word alone).
_Alternatives = tuple[tuple[str, "re.Pattern[str] | None"], ...]


def _alternatives(*items: str | tuple[str, str]) -> _Alternatives:
    return tuple((item, None) if isinstance(item, str) else (item[0], re.compile(item[1])) for item in items)


#: Words every finding needs somewhere in the file: a Postgres URI, a libpq TLS keyword,
#: a driver module (imports name it), Django's DATABASES, or key/value connection keywords.
_SIGNALS = _alternatives(
    "postgres", "psycopg", "sqlalchemy", "asyncpg", "pg8000", "sslmode", "requiressl", "PGSSL", "sqlmodel",
    "create_engine", "create_async_engine", "dj_database_url", "DATABASES", "pgdb", "aiopg", "peewee",
    "playhouse", "DBUtils", "dbutils", "databases", ("dbname", r"dbname\s*="), ("hostaddr", r"hostaddr\s*="),
)  # fmt: skip
#: Text that a candidate node needs: a URI, a TLS setting name, or a host setting. The whole
#: words ``ssl``, ``host`` and ``HOST`` are spelled ``ssl\b(?<!\wssl)`` (= ``\bssl\b``).
_CANDIDATES = _alternatives(
    "sslmode", "requiressl", "PGSSL", "ssl_context", "ssl_require",
    ("postgres", r"postgres(?:ql)?(?:\+\w+)?://"), ("dbname", r"dbname\s*="), ("hostaddr", r"hostaddr\s*="),
    ("ssl", r"ssl\b(?<!\wssl)"), ("host", r"host\b(?<!\whost)"), ("HOST", r"HOST\b(?<!\wHOST)"),
)  # fmt: skip
_URI = re.compile(r"(?:db\+)?postgres(?:ql)?(?:\+\w+)?://")
#: A TLS setting written in a piece of a connection string (``"?sslmode=require"``, ``f"{base} sslmode=..."``).
_TLS_PIECE = re.compile(r"(?:sslmode|requiressl)\s*=")
#: Keyword arguments, dict keys and subscripts that a rule reads.
_SETTING_NAMES = frozenset({"sslmode", "requiressl", "ssl", "ssl_context", "ssl_require", "PGSSLMODE", "PGSSLROOTCERT"})
#: Names a variable or class field holding a TLS setting is given (not ``ssl``: the module's name too).
_SETTING_TARGETS = _SETTING_NAMES - {"ssl"}
_HOST_NAMES = frozenset({"host", "HOST"})
_DRIVER_MODULES = frozenset(
    {"psycopg", "psycopg2", "psycopg_pool", "asyncpg", "pg8000", "sqlalchemy", "sqlmodel", "pgdb", "aiopg", "peewee"}
    | {"playhouse", "dbutils", "DBUtils", "piccolo", "pony", "databases"}
)


def may_contain_findings(source: str, tree: ast.AST | None = None) -> bool:
    """False when no rule can report anything in this file, so the libcst parse can be skipped.

    ``source`` is the whole file (flake8's ``lines`` joined with ``""``); ``tree``, the
    ``ast`` module flake8 already built, makes the test exact enough to skip files that
    only mention Postgres (e.g. Django's own PostgreSQL backend).
    """
    if not text_may_contain_findings(source):
        return False
    return tree is None or _has_candidates(tree)


def text_may_contain_findings(source: str) -> bool:
    """The text stage alone: False when the text lacks the words every finding needs.

    Costs a few substring searches; call it before ``ast.parse`` so that files without any
    Postgres signal (most of a large code base) are never parsed at all.
    """
    return _found(_SIGNALS, source) and _found(_CANDIDATES, source)


def _found(alternatives: _Alternatives, text: str) -> bool:
    for word, pattern in alternatives:
        if word in text and (pattern is None or pattern.search(text) is not None):
            return True
    return False


#: Fields of ``ast`` nodes that never hold a node the ``ast`` stage looks at.
_NO_CANDIDATES = frozenset({"ctx", "type_comment"})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _has_candidates(tree: ast.AST) -> bool:
    """The ``ast`` stage: a setting name or connection string, or a host next to a driver (in any order)."""
    hosts = drivers = False
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if type(node) is ast.Constant:
            if type(node.value) is str:
                if node.value in _SETTING_NAMES or _is_conninfo(node.value):
                    return True
                hosts = hosts or node.value in _HOST_NAMES
                drivers = drivers or node.value in DICT_ENGINES  # Tortoise ORM's "engine": "tortoise.backends.asyncpg"
            continue
        if type(node) is ast.Name:
            if node.id in _SETTING_TARGETS and type(node.ctx) is ast.Store:
                return True  # a field or variable named for the setting (``sslmode: str = "require"``)
            drivers = drivers or node.id == "DATABASES"
            continue
        if type(node) is ast.JoinedStr:
            text = "".join(str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values)
            if _is_conninfo(text):
                return True
        elif type(node) is ast.keyword and node.arg is not None:
            if node.arg in _SETTING_NAMES:
                return True
            hosts = hosts or node.arg in _HOST_NAMES
        elif type(node) is ast.Import:
            drivers = drivers or any(alias.name.split(".")[0] in _DRIVER_MODULES for alias in node.names)
        elif type(node) is ast.ImportFrom:
            drivers = drivers or (node.module or "").split(".")[0] in _DRIVER_MODULES
        kind = type(node)
        fields = _FIELDS.get(kind)
        if fields is None:
            fields = _FIELDS[kind] = _node_fields(kind)
        for name in fields:
            value = getattr(node, name, None)
            if type(value) is list:
                stack.extend(value)
            elif isinstance(value, ast.AST):
                stack.append(value)
    return hosts and drivers


def _node_fields(kind: type) -> tuple[str, ...]:
    if not issubclass(kind, ast.AST):
        return ()  # an identifier in a list of names (``global a, b``), or None in a dict's keys
    return tuple(name for name in kind._fields if name not in _NO_CANDIDATES)


def _is_conninfo(text: str) -> bool:
    if _URI.match(text) or _TLS_PIECE.search(text):
        return True  # a template ("postgresql://%s@...") or a piece need not parse before it is put together
    if not looks_like_conninfo(text):
        return False
    try:
        parse(text)
    except ConninfoError:
        return False
    return True
