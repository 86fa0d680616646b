"""Cheap tests that decide whether a file is worth a libcst parse (about 10x an ``ast`` parse)."""

from __future__ import annotations

import ast
import re

from flake8_neon.conninfo import ConninfoError, looks_like_conninfo, parse

#: Words every finding needs somewhere in the file: a Postgres URI, a libpq TLS keyword,
#: a driver module (imports name it), Django's DATABASES, or key/value connection keywords.
_SIGNALS = re.compile(
    r"postgres|sslmode|requiressl|PGSSL|psycopg|asyncpg|pg8000|sqlalchemy|sqlmodel|create_(?:async_)?engine"
    r"|dj_database_url|DATABASES|dbname\s*=|hostaddr\s*=|pgdb|aiopg|peewee|playhouse|DBUtils|dbutils"
)
#: Text that a candidate node needs: a URI, a TLS setting name, or a host setting.
_CANDIDATE_TEXT = re.compile(
    r"postgres(?:ql)?(?:\+\w+)?://|sslmode|requiressl|PGSSL|ssl_context|ssl_require|\bssl\b"
    r"|dbname\s*=|hostaddr\s*=|\bhost\b|\bHOST\b"
)
_URI = re.compile(r"(?:db\+)?postgres(?:ql)?(?:\+\w+)?://")
#: A TLS setting written in a piece of a connection string (``"?sslmode=require"``, ``f"{base} sslmode=..."``).
_TLS_PIECE = re.compile(r"(?:sslmode|requiressl)\s*=")
#: Keyword arguments, dict keys and subscripts that a rule reads.
_SETTING_NAMES = frozenset({"sslmode", "requiressl", "ssl", "ssl_context", "ssl_require", "PGSSLMODE", "PGSSLROOTCERT"})
_HOST_NAMES = frozenset({"host", "HOST"})
_DRIVER_MODULES = frozenset(
    {"psycopg", "psycopg2", "psycopg_pool", "asyncpg", "pg8000", "sqlalchemy", "sqlmodel", "pgdb", "aiopg", "peewee"}
    | {"playhouse", "dbutils", "DBUtils", "piccolo", "pony"}
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

    Costs a regular-expression scan; call it before ``ast.parse`` so that files without any
    Postgres signal (most of a large code base) are never parsed at all.
    """
    return _SIGNALS.search(source) is not None and _CANDIDATE_TEXT.search(source) is not None


def _has_candidates(tree: ast.AST) -> bool:
    hosts = drivers = False
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value in _SETTING_NAMES or _is_conninfo(node.value):
                return True
            hosts = hosts or node.value in _HOST_NAMES
        elif isinstance(node, ast.JoinedStr):
            text = "".join(str(part.value) if isinstance(part, ast.Constant) else "x" for part in node.values)
            if _is_conninfo(text):
                return True
        elif isinstance(node, ast.keyword) and node.arg is not None:
            if node.arg in _SETTING_NAMES:
                return True
            hosts = hosts or node.arg in _HOST_NAMES
        elif isinstance(node, ast.Import):
            drivers = drivers or any(alias.name.split(".")[0] in _DRIVER_MODULES for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            drivers = drivers or (node.module or "").split(".")[0] in _DRIVER_MODULES
        elif isinstance(node, ast.Name) and node.id == "DATABASES":
            drivers = True
    return hosts and drivers


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
