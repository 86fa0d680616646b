"""INI-style files: ``*.ini``, ``*.cfg``, ``*.conf`` (alembic.ini, tox.ini, setup.cfg, ...).

Line-oriented, read as ``configparser`` does: ``key = value`` or ``key: value``, comment
lines starting with ``#`` or ``;``, indented continuation lines. Each continuation line that
is itself ``NAME = value`` names its value (tox's ``setenv``). ``%(name)s`` interpolation
and tox's ``{env:NAME}`` substitutions are unknown parts; ``%%`` is a literal ``%``.
In a PgBouncer configuration (a file with a ``[pgbouncer]`` section) the ``[databases]``
entries look like libpq strings but are PgBouncer's own, without TLS keywords: they are not
judged. Its ``server_tls_sslmode`` decides TLS to those servers, with libpq's modes and
meanings: it is judged as the sslmode of the databases' hosts (silent when all are local).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.conninfo import ConninfoError, parse
from flake8_neon.formats.values import Example, Value
from flake8_neon.judgments import HOLE

_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<content>[^\r\n]*)", re.MULTILINE)
_OPTION = re.compile(r"(?P<key>[^=:\s][^=:]*?)[ \t]*[=:][ \t]*")
_SETTING = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*")
#: ``%(name)s`` and tox's ``{env:NAME}``; ``{env:NAME:fallback}`` is left to :mod:`values`, which reads the fallback.
_INTERPOLATION = re.compile(r"%\([^)]*\)[sd]|\{(?!env:[A-Za-z_][A-Za-z0-9_]*:)[^{}\s]*\}")
_SECTION = re.compile(r"\[(?P<name>[^\]]*)\]")
_PGBOUNCER = re.compile(r"^[ \t]*\[pgbouncer\]", re.MULTILINE)
_PGBOUNCER_OWN = frozenset({"databases", "peers"})
#: The group of PgBouncer's server TLS setting and the hosts of its databases (no section starts at -1).
_PGBOUNCER_SERVERS = -1


def values(text: str) -> Iterator[Value]:
    in_value = skipped = False
    section = None
    pgbouncer = _PGBOUNCER.search(text) is not None
    for line in _LINE.finditer(text):
        content = line["content"].rstrip()
        start = line.start("content")
        if not content or content.startswith(("#", ";")):
            continue  # configparser keeps a value going across blank and comment lines
        if content.startswith("["):
            header = _SECTION.match(content)
            skipped = pgbouncer and header is not None and header["name"].strip().lower() in _PGBOUNCER_OWN
            section, in_value = start, False
            continue
        if skipped:
            yield from _pgbouncer_hosts(content)
            continue
        if line["indent"] and in_value:
            setting = _SETTING.match(content)
            if setting is not None:
                yield _value(start + setting.end(), content[setting.end() :], setting["key"])
            else:
                yield _value(start, content, None)
            continue
        option = _OPTION.match(content)
        if option is None:
            continue
        in_value = True
        key = option["key"].strip()
        if pgbouncer and key == "server_tls_sslmode":
            yield _value(start + option.end(), content[option.end() :], key, _PGBOUNCER_SERVERS)
            continue
        yield _value(start + option.end(), content[option.end() :], key, section)


def _pgbouncer_hosts(entry: str) -> Iterator[Value]:
    """The hosts a ``[databases]`` entry (``name = host=... dbname=...``) sends clients to; no host is the socket."""
    option = _OPTION.match(entry)
    if option is None:
        return
    try:
        hosts = parse(entry[option.end() :]).hosts or ("",)
    except ConninfoError:
        hosts = (HOLE,)  # PgBouncer's own keywords (pool_size=...): the host is not known here
    for host in hosts:
        yield Value(0, host, False, "host", group=_PGBOUNCER_SERVERS)


def _value(start: int, raw: str, key: str | None, section: int | None = None) -> Value:
    text = _INTERPOLATION.sub(HOLE, raw).replace("%%", "%")
    return Value(start, text, text == raw, key, "\r\n", section)


EXAMPLES = (
    Example("[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql://app@localhost/app\n"),
    Example("[alembic]\n# sqlalchemy.url = postgresql://app@db.example.com/app?sslmode=disable\n"),
    Example("[testenv]\nsetenv =\n    PGSSLMODE = verify-full\n    DATABASE_URL = {env:DATABASE_URL}\n"),
    Example(
        "[alembic]\nsqlalchemy.url = postgresql+psycopg2://app@db.example.com/app?sslmode=require\n",
        ("NEO101",),
        "[alembic]\nsqlalchemy.url = postgresql+psycopg2://app@db.example.com/app?sslmode=verify-full\n",
    ),
    Example(
        "[testenv]\r\nsetenv =\r\n    PGSSLMODE = prefer\r\n    DATABASE_URL = postgresql://db.example.com/test\r\n",
        ("NEO102", "NEO108"),
        "[testenv]\r\nsetenv =\r\n    PGSSLMODE = verify-full\r\n"
        "    DATABASE_URL = postgresql://db.example.com/test?sslmode=verify-full\r\n",
    ),
    Example(
        "[database]\ndsn: host=%(db_host)s dbname=app sslmode=allow\n",
        ("NEO101",),
    ),
    Example("[app]\nurl = postgresql://app:p%%40ss@db.example.com/app?sslmode=disable\n", ("NEO101",)),
    Example("[app]\nurl = postgresql+asyncpg://db.example.com/app?sslmode=verify-full\n", ("NEO105",)),
    Example("[databases]\napp = host=db.example.com dbname=app\n\n[pgbouncer]\nlisten_port = 6432\n"),
    # PgBouncer's TLS to its servers: libpq's modes
    Example(
        "[databases]\napp = host=db.example.com dbname=app\n\n[pgbouncer]\nserver_tls_sslmode = require\n",
        ("NEO103",),
        "[databases]\napp = host=db.example.com dbname=app\n\n[pgbouncer]\nserver_tls_sslmode = verify-full\n",
    ),
    Example("[databases]\napp = host=127.0.0.1 dbname=app\n* = dbname=app\n[pgbouncer]\nserver_tls_sslmode = allow\n"),
    Example(
        "[databases]\napp = host=db.example.com dbname=app\n",
        ("NEO102",),
        "[databases]\napp = host=db.example.com dbname=app sslmode=verify-full\n",
    ),
    Example(
        "[testenv]\nsetenv =\n    DATABASE_URL = {env:DATABASE_URL:postgresql://ci@db.example.com/app}\n",
        ("NEO102",),
        "[testenv]\nsetenv =\n"
        "    DATABASE_URL = {env:DATABASE_URL:postgresql://ci@db.example.com/app?sslmode=verify-full}\n",
    ),
    Example(
        "[postgresql]\nhost = pg.example.com\ndatabase = suppliers\nsslmode = prefer\n",
        ("NEO103",),
        "[postgresql]\nhost = pg.example.com\ndatabase = suppliers\nsslmode = verify-full\n",
    ),
    Example("[postgresql]\nhost = localhost\nsslmode = disable\n\n[remote]\nhost = pg.example.com\n"),
    # Gitea's and Grafana's [database]: the host carries its port, the app hands SSL_MODE to libpq
    Example("[database]\nDB_TYPE  = postgres\nHOST     = 127.0.0.1:5432\nSSL_MODE = disable\n"),
    Example(
        "[database]\ntype = postgres\nhost = db.example.com:5432\nssl_mode = require\n",
        ("NEO103",),
        "[database]\ntype = postgres\nhost = db.example.com:5432\nssl_mode = verify-full\n",
    ),
    # postgresql.conf quotes its strings: a standby's conninfo to its primary
    Example(
        "primary_conninfo = 'host=primary.example.com user=replicator sslmode=prefer'\n",
        ("NEO101",),
        "primary_conninfo = 'host=primary.example.com user=replicator sslmode=verify-full'\n",
    ),
    Example("primary_conninfo = 'host=/var/run/postgresql user=replicator'\n"),
)
