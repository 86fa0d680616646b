"""Values found in configuration files, judged like strings in Python code.

A scanner (one module per kind of file) yields :class:`Value` objects: where a value stands
in the file and what its reader sees. :func:`judge` finds the connection strings and
``PGSSLMODE`` settings in them and returns findings with the same codes and messages as
the Python rules (:mod:`flake8_neon.judgments`). Template placeholders (``${VAR}``,
``{{ .Values.x }}``, ``$(cmd)``, ``${{ secrets.X }}``) become :data:`~flake8_neon.judgments.HOLE`,
exactly like f-string fields: a setting that depends on one is not judged, a string holding
one is never rewritten.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from flake8_neon.conninfo import KEYWORDS
from flake8_neon.judgments import (
    HOLE,
    ConnectionString,
    Judgment,
    missing_sslmode,
    pg8000_url_without_context,
    rejected_settings,
    weak_pgsslmode,
    weak_sslmode,
    weak_sslmode_value,
)
from flake8_neon.settings import Settings

#: Placeholders of shell, compose, GitHub Actions, Helm and Jinja templates. One with a fallback
#: (shell and compose ``${NAME:-fallback}``, tox ``{env:NAME:fallback}``, GitHub Actions
#: ``${{ inputs.x || 'fallback' }}`` (not ``cond && 'a' || 'b'``, a choice), Helm's and Jinja's
#: ``{{ .Values.x | default "fallback" }}``, ``{{ default "fallback" .Values.x }}``,
#: ``{{ x | default('fallback') }}``) stands for its fallback, judged as written: it is what is
#: used unless the variable is set, like ``os.getenv(name, fallback)``.
PLACEHOLDERS = re.compile(
    r"\$\{[A-Za-z_][A-Za-z0-9_]*:?[-=](?P<fallback>[^{}$]*)\}|\{env:[A-Za-z_][A-Za-z0-9_]*:(?P<tox>[^{}$]*)\}"
    r"|\$\{\{[^{}&|]*\|\|[ \t]*(?P<actions_quote>[\"'])(?P<actions>[^\"'{}\r\n]*)(?P=actions_quote)[ \t]*\}\}"
    r"|\$\{\{.*?\}\}"
    r"|\{\{-?\s*(?:[^{}\r\n]*?\|\s*)?default\s*\(?\s*"
    r"(?P<quote>[\"'])(?P<template>[^\"'{}\r\n]*)(?P=quote)[^{}\r\n]*?\}\}"
    r"|\{\{.*?\}\}|\{%.*?%\}|\$\{[^{}]*\}|\$\([^()]*\)|\$[A-Za-z_][A-Za-z0-9_]*"
    r"|<[A-Za-z_][A-Za-z0-9_.-]*>"  # a copy to fill in: ``postgresql://<user>:<password>@<host>/<db>``
)
#: A URI written as a template, its port a word (``postgresql://USER:PASSWORD@HOST:PORT/DATABASE``): libpq
#: refuses such a port, so its host is a word to replace too; only its static settings are judged.
_TEMPLATE_PORT = re.compile(r"[^:/?#\s]+://(?:[^@/?#\s]*@)?(?P<host>[^/?#:@\s]*):(?P<port>[A-Za-z_]\w*)(?=[/?#]|$)")
_FALLBACKS = ("fallback", "tox", "actions", "template")
#: A URI inside a longer text. Not after ``:`` or a word character: ``jdbc:postgresql://`` is JDBC's own format.
_URI = re.compile(r"(?<![\w:+./-])postgres(?:ql)?(?:\+[A-Za-z0-9_]+)?://[^\s'\"`<>\\]*")
#: A placeholder URL given a TLS setting: ``"${{ secrets.DATABASE_URL }}?sslmode=require"``.
_EXTENDED_URL = re.compile(f"(?:{HOLE})+[?&](?:sslmode|requiressl|ssl)=[^\\s'\"`<>\\\\]*")
_TRAILING_PUNCTUATION = ".,;:!)]}"
#: A quoted key/value string inside a longer value, such as a command: ``psql "host=db.example.com sslmode=require"``.
_QUOTED_KEY_VALUE = re.compile(r"(?<![\w\\])([\"'])(?P<string>[a-z_]+\s*=[^\"'\r\n]*)\1")
#: ``PGSSLMODE=require`` (also ``PGSSLMODE: require``) inside a longer value, such as a command.
_PGSSLMODE_SETTING = re.compile(r"(?<![\w${])PGSSLMODE[\"']?[ \t]*[=:][ \t]*[\"']?(?P<mode>[A-Za-z0-9_-]+)")
#: A key/value string, setting by setting (a value is quoted or a word).
_SETTING = re.compile(r"\s*(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(?:'(?:[^'\\]|\\.)*'|[^\s']*)")
_KEY_VALUE = re.compile(f"(?:{_SETTING.pattern})+\\s*")
#: libpq's own client programs, which connect to the host their ``-h`` names with the environment's sslmode.
LIBPQ_CLIENTS = frozenset(
    {"psql", "pg_dump", "pg_dumpall", "pg_restore", "pg_basebackup", "pgbench", "createdb", "dropdb", "vacuumdb"}
)
#: A command's long option given its value in the same word: ``--dbname=host=db.example.com sslmode=prefer``.
LONG_OPTION = re.compile(r"--[A-Za-z][A-Za-z0-9-]*=")
#: ADO.NET / Npgsql (``Host=x;SSL Mode=Require``): not a libpq string, never guessed at.
_SEMICOLON_SETTINGS = re.compile(r";\s*[A-Za-z][A-Za-z ]*=")
_NOQA = re.compile(r"#\s*noqa(?::[\s]?(?P<codes>[A-Z]+[0-9]+(?:[,\s]+[A-Z]+[0-9]+)*))?", re.IGNORECASE)
#: ``{name: PGSSLMODE, value: require}``: the keys that name a value (Kubernetes, ECS, Render) and hold it.
NAME_KEYS = frozenset({"name", "Name", "key", "Key"})
VALUE_KEYS = frozenset({"value", "Value"})
#: The name of an environment variable: an object under such a key describes it, and its ``value`` is its value
#: (Heroku's ``app.json``, GitLab's ``variables: {PGSSLMODE: {value: require, description: ...}}``).
VARIABLE = re.compile(r"[A-Z][A-Z0-9_]*")
#: Keys naming the host of a mapping of connection settings.
_HOST_KEYS = frozenset({"host", "hostname", "hostaddr", "server"})
#: Also a key ending in one (Ansible's ``login_host``, an app's ``db_host`` or ``dbHost``).
_HOST_KEY = re.compile(r"(?:^|[_-])(?:host|hostname|hostaddr)$|[a-z](?:Host|Hostname)$")
#: Keys of a mapping's item that is its connections' libpq sslmode (PgBouncer's for its servers too), in any case
#: and with or without ``_``/``-`` (``sslMode``, ``ssl_mode``, ``SSL_MODE`` of apps that hand it to libpq).
_SSLMODE_KEYS = frozenset({"sslmode", "servertlssslmode"})
#: Codes about a connection with no TLS setting at all: silenced when the file sets PGSSLMODE=verify-full.
_MISSING_SSLMODE = frozenset({"NEO102", "NEO107"})


@dataclass(frozen=True)
class Value:
    """One value of a configuration file.

    ``text`` is what the file's reader gets (quotes removed, escapes decoded); ``exact`` says it
    is also the file's own characters from offset ``start`` on, so that it may be rewritten in
    place. ``key`` is the name the value is assigned to, when there is one (``PGSSLMODE``).
    ``forbidden`` holds characters a fix may not add here (a space in an unquoted shell word).
    ``group`` identifies the mapping the value is an item of (a YAML mapping, a JSON object, a
    TOML table, an INI section), when the scanner knows it: its ``sslmode`` and ``host`` items
    are the settings of one connection. ``scope`` names the nodes that enclose the value, outermost
    first, and ``reach`` those that an environment variable set here applies to (a compose service, a
    Kubernetes container, a workflow job): ``PGSSLMODE=verify-full`` silences the missing-sslmode
    findings of values inside its reach only. Both are empty where the whole file is one environment.
    ``from_options`` marks the connection a command builds from its options (``psql -h db.example.com``):
    its sslmode is the environment's, so any ``PGSSLMODE`` set in reach decides it.
    """

    start: int
    text: str
    exact: bool
    key: str | None = None
    forbidden: str = "\r\n"
    group: int | None = None
    scope: tuple[int, ...] = ()
    reach: tuple[int, ...] = ()
    from_options: bool = False


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the file with ``replacement``."""

    start: int
    end: int
    replacement: str


class TextFinding(NamedTuple):
    """A finding in a file that is not Python: its offset in the text, code, message and fix."""

    offset: int
    code: str
    message: str
    edit: Edit | None = None


class Example(NamedTuple):
    """A file of some kind and the codes it must give; ``fixed`` is the file after ``--fix``."""

    text: str
    codes: tuple[str, ...] = ()
    fixed: str | None = None


def judge(values: Iterable[Value], settings: Settings) -> list[TextFinding]:
    """Every finding in ``values``; ``# noqa`` is applied by :func:`unsuppressed`."""
    findings: list[tuple[Value, TextFinding]] = []
    strong_reaches: list[tuple[int, ...]] = []  # where PGSSLMODE=verify-full (or PGSSLROOTCERT=system) applies
    set_reaches: list[tuple[int, ...]] = []  # where any PGSSLMODE applies
    values = list(values)
    hosts = _group_hosts(values)
    for value in values:
        if value.group is not None and re.sub(r"[_-]", "", (value.key or "").lower()) in _SSLMODE_KEYS:
            findings.extend((value, finding) for finding in _separate_sslmode(value, hosts.get(value.group), settings))
            continue
        if value.key is not None and value.key.upper() in ("PGSSLMODE", "PGSSLROOTCERT"):
            setting = value.text.strip()
            if setting == ("system" if value.key.upper() == "PGSSLROOTCERT" else "verify-full"):
                strong_reaches.append(value.reach)
            if value.key.upper() == "PGSSLMODE":
                set_reaches.append(value.reach)
                start = len(value.text) - len(value.text.lstrip())
                findings.extend((value, finding) for finding in _pgsslmode(value, setting, start))
            continue
        text, anchors = _fill_holes(value.text)
        strings = list(_connection_strings(text))
        for match in _PGSSLMODE_SETTING.finditer(text):
            if any(start <= match.start() < end for start, end in strings):
                continue  # part of a connection string, judged as one
            set_reaches.append(value.reach)
            if match["mode"] == "verify-full":
                strong_reaches.append(value.reach)
            if HOLE not in match["mode"]:
                start = _original(anchors, match.start("mode"))
                findings.extend((value, finding) for finding in _pgsslmode(value, match["mode"], start))
        for start, end in strings:
            judged = _connection_string(value, text, anchors, start, end, settings)
            findings.extend((value, finding) for finding in judged)
    return [
        finding
        for value, finding in findings
        if finding.code not in _MISSING_SSLMODE
        or not any(
            value.scope[: len(reach)] == reach for reach in (set_reaches if value.from_options else strong_reaches)
        )
    ]


def judge_string(string: ConnectionString, settings: Settings) -> list[Judgment]:
    """What is wrong with one connection string, as the Python rules for strings judge it."""
    judgments = (
        weak_sslmode(string, settings),
        missing_sslmode(string, settings),
        rejected_settings(string),
        pg8000_url_without_context(string, settings),
    )
    return [judgment for judgment in judgments if judgment is not None]


def unsuppressed(findings: Iterable[TextFinding], text: str, *, comments: bool = True) -> list[TextFinding]:
    """``findings`` without those on a line with a ``# noqa`` comment that covers their code."""
    if not comments:
        return list(findings)
    kept = []
    for finding in findings:
        line_start = text.rfind("\n", 0, finding.offset) + 1
        line_end = text.find("\n", finding.offset)
        if not noqa_covers(text[line_start : len(text) if line_end < 0 else line_end], finding.code):
            kept.append(finding)
    return kept


def noqa_covers(line: str, code: str) -> bool:
    """True when ``line`` has a ``# noqa`` comment that silences ``code``, as flake8 reads it."""
    match = _NOQA.search(line)
    if match is None:
        return False
    codes = match["codes"]
    return codes is None or any(code.startswith(name.upper()) for name in re.split(r"[,\s]+", codes) if name)


def apply_fixes(text: str, findings: Iterable[TextFinding]) -> str:
    """``text`` with every fix applied (edits that overlap an earlier one are left out)."""
    edits = sorted({finding.edit for finding in findings if finding.edit is not None})
    pieces, position = [], 0
    for start, end, replacement in edits:
        if start < position:
            continue
        pieces += [text[position:start], replacement]
        position = end
    return "".join(pieces) + text[position:]


class Lines:
    """Line and column (1-based line, 0-based column) of offsets in one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index + 1, offset - self.starts[index]


def _fill_holes(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with placeholders replaced by HOLE (or their fallback), and anchors ``(filled, original offset)``."""
    pieces, anchors, position, filled = [], [(0, 0)], 0, 0
    for match in PLACEHOLDERS.finditer(text):
        group = next((name for name in _FALLBACKS if match[name] is not None), None)
        filled += match.start() - position
        if group is not None and match[group]:
            anchors.append((filled, match.start(group)))
            pieces += [text[position : match.start()], match[group]]
            filled += len(match[group])
        else:
            pieces += [text[position : match.start()], HOLE]
            filled += len(HOLE)
        position = match.end()
        anchors.append((filled, position))
    pieces.append(text[position:])
    return "".join(pieces), anchors


def _original(anchors: Sequence[tuple[int, int]], offset: int) -> int:
    index = bisect.bisect_right(anchors, (offset, 1 << 62)) - 1
    filled, original = anchors[index]
    return original + offset - filled


def _connection_strings(text: str) -> Iterable[tuple[int, int]]:
    """Spans of ``text`` that hold a connection string: all of it (inside quotes its reader keeps, as in
    postgresql.conf's ``primary_conninfo = 'host=...'``, or after a ``--dbname=`` option), or each URI and
    each quoted key/value string in it (a command's ``psql "host=... sslmode=require"``)."""
    start = len(text) - len(text.lstrip())
    whole = text.strip()
    if len(whole) > 1 and whole[0] == whole[-1] and whole[0] in "'\"":  # quotes the file's reader keeps
        start, whole = start + 1, whole[1:-1]
    option = LONG_OPTION.match(whole)
    if option is not None and read_connection_string(whole[option.end() :]) is not None:
        start, whole = start + option.end(), whole[option.end() :]
    if not whole:
        return
    if not _SEMICOLON_SETTINGS.search(whole) and read_connection_string(whole) is not None:
        yield start, start + len(whole)
        return
    for match in (*_URI.finditer(text), *_EXTENDED_URL.finditer(text)):
        uri = match.group().rstrip(_TRAILING_PUNCTUATION)
        yield match.start(), match.start() + len(uri)
    for match in _QUOTED_KEY_VALUE.finditer(text):
        string = match["string"]
        if " " in string.strip() and not _SEMICOLON_SETTINGS.search(string) and read_connection_string(string):
            yield match.start("string"), match.end("string")


def _connection_string(
    value: Value, text: str, anchors: list[tuple[int, int]], start: int, end: int, settings: Settings
) -> Iterable[TextFinding]:
    written = text[start:end]
    template = _TEMPLATE_PORT.match(written)
    if template is not None:
        written = f"{written[: template.start('host')]}{HOLE}:{HOLE}{written[template.end() :]}"
    string = read_connection_string(written)
    if string is None:
        return
    judgments = judge_string(string, settings)
    edit = None
    original = _original(anchors, start)
    if template is None and any(judgment.fixable for judgment in judgments):
        edit = _edit(value, original, text[start:end], string.rewritten())
    for judgment in judgments:
        yield _finding(value, original, judgment, edit)


def item_key(key: str | None, text: str, names: list[str | None]) -> str | None:
    """The name the value ``text`` of an object's item ``key`` goes by, in a token scan that keeps the ``name``
    of each open object in ``names``: a ``name`` item names its object, a ``value`` item goes by that name
    (``{"name": "PGSSLMODE", "value": "require"}``), any other item by its key."""
    if key in NAME_KEYS:
        names[-1] = text
    return names[-1] if key in VALUE_KEYS and names[-1] else key


def read_connection_string(text: str) -> ConnectionString | None:
    """The connection string ``text`` holds, also a key/value string with settings of another client.

    Go's pgx and GORM take libpq's key/value strings with their own settings added
    (``host=db.example.com sslmode=disable TimeZone=UTC``): libpq would refuse the string, the
    client that reads it connects with its ``sslmode`` like libpq. A setting is another client's
    when its name is not libpq's in any spelling (``SSLMODE=`` is libpq's, misspelt) and is not
    about TLS; the string is then judged without it and never rewritten, as for such URI options.
    It must name a ``dbname`` or an ``sslmode`` of libpq's to be a connection string at all.
    """
    string = ConnectionString.read(text)
    if string is not None or not _KEY_VALUE.fullmatch(text):
        return string
    settings = list(_SETTING.finditer(text))
    foreign = tuple(
        setting["key"]
        for setting in settings
        if setting["key"].lower() not in KEYWORDS and "ssl" not in setting["key"].lower()
    )
    kept = [setting for setting in settings if setting["key"] not in foreign]
    if not foreign or not {"dbname", "sslmode"} & {setting["key"] for setting in kept}:
        return None  # a string of other settings (``host=example.com port=80 scheme=http``), not a connection's
    string = ConnectionString.read(" ".join(setting.group().strip() for setting in kept))
    return None if string is None else dataclasses.replace(string, foreign=string.foreign + foreign)


def _group_hosts(values: Sequence[Value]) -> dict[int, list[str]]:
    """The ``host`` items of each mapping, with placeholders filled in as holes."""
    hosts: dict[int, list[str]] = {}
    for value in values:
        if value.group is not None and ((value.key or "").lower() in _HOST_KEYS or _HOST_KEY.search(value.key or "")):
            for host in _fill_holes(value.text.strip())[0].split(","):
                hosts.setdefault(value.group, []).append(_without_port(host.strip()))
    return hosts


def _without_port(host: str) -> str:
    """``host`` without the ``:port`` a mapping may write after it (Grafana's and Gitea's ``127.0.0.1:5432``,
    ``[::1]:5432``); a bare IPv6 address stays whole."""
    if host.startswith("[") and "]" in host:
        return host[1 : host.index("]")]
    name, colon, port = host.rpartition(":")
    return name if colon and port.isdigit() and ":" not in name else host


def _separate_sslmode(value: Value, hosts: list[str] | None, settings: Settings) -> Iterable[TextFinding]:
    """NEO103: ``sslmode: require`` as an item of a mapping (Helm values, an app's database section),
    unless the mapping's host is local."""
    setting = value.text.strip()
    if HOLE in _fill_holes(setting)[0]:
        return
    if hosts and all(HOLE not in host for host in hosts) and settings.ignores_hosts(tuple(hosts)):
        return
    judgment = weak_sslmode_value(setting, value.key or "sslmode")
    if judgment is not None:
        start = len(value.text) - len(value.text.lstrip())
        yield _finding(value, start, judgment, _edit(value, start, setting, "verify-full"))


def _pgsslmode(value: Value, setting: str, start: int) -> Iterable[TextFinding]:
    filled, anchors = _fill_holes(setting)  # ${PGSSLMODE:-require} is require unless set
    if not filled or HOLE in filled:
        return
    judgment = weak_pgsslmode(filled)
    if judgment is not None:
        start += _original(anchors, 0)
        yield _finding(value, start, judgment, _edit(value, start, filled, "verify-full"))


def _finding(value: Value, start: int, judgment: Judgment, edit: Edit | None) -> TextFinding:
    offset = value.start + start if value.exact else value.start
    return TextFinding(offset, judgment.code, judgment.message, edit if judgment.fixable else None)


def _edit(value: Value, start: int, old: str, new: str | None) -> Edit | None:
    """The edit that writes ``new`` over ``old`` (at ``start`` in the value), if that is safe here."""
    if new is None or new == old or not value.exact or value.text[start : start + len(old)] != old:
        return None
    if (set(new) - set(old)) & set(value.forbidden):
        return None
    return Edit(value.start + start, value.start + start + len(old), new)
