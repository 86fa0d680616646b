"""Shell scripts (``*.sh``, ``*.bash``, a shell shebang), and the shell text in other files.

A careful word scanner rather than a shell parser: it reads words as the shell splits them
(quotes, escapes, ``$(...)``, comments) and keeps where each word stands. A word
``NAME=value`` is an assignment (``export PGSSLMODE=require``, ``env PGSSLMODE=require cmd``);
any other word is a value (``psql "postgresql://..."``), after a long option's ``--dbname=``.
A libpq client program (``psql``, ``pg_dump``...) given a written-out host with ``-h`` and no
connection string connects with the environment's sslmode: libpq's default ``prefer`` unless the
file sets ``PGSSLMODE``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import NamedTuple

from flake8_neon.formats.values import LIBPQ_CLIENTS, LONG_OPTION, Example, Value, read_connection_string
from flake8_neon.judgments import HOLE

#: Characters a fix may not add to a word, by how the word is quoted.
_FORBIDDEN = {"plain": " \t\r\n;&|<>()'\"`$\\*?[#~{}", "double": '"\\$`\r\n', "single": "'\r\n"}
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
_OPERATORS = ";&|<>()"
#: psql's, pg_dump's... option naming the host: ``-h HOST``, ``-hHOST``, ``--host=HOST``.
_HOST_OPTION = re.compile(r"-h.*|--host(?:=.*)?")
_KEYWORD_STRING = re.compile(r"\s*[a-z_]+\s*=")
_HOST_SETTING = re.compile(r"(?<![\w-])(?:host|hostaddr|service)\s*=")
#: A libpq client and a host option in one text: a command worth reading for its host.
_CLIENT_WITH_HOST = re.compile(rf"\b(?:{'|'.join(sorted(LIBPQ_CLIENTS))})\b.*\s(?:-h|--host)", re.DOTALL)


class _Segment(NamedTuple):
    quoting: str  # plain, single or double
    start: int  # offset of its first character inside the quotes
    text: str  # what the shell reads (escapes removed, expansions kept as written)
    exact: bool  # text is the file's characters from start on


def values(text: str, start: int = 0, end: int | None = None) -> Iterator[Value]:
    """The values of the shell words in ``text[start:end]``.

    A command that names its host with an option (``psql -h "$DB_HOST" "dbname=app
    sslmode=prefer"``) gives its key/value connection strings that host, unknown here.
    """
    command: list[list[_Segment]] = []
    for word in (*_words(text, start, len(text) if end is None else end), []):
        if word:
            command.append(word)
            continue
        host_option = any(_HOST_OPTION.fullmatch(part.text) for part, *_ in command)
        host = _literal_host(command)
        values = [value for each in command for value in _word_values(each)]
        for value in values:
            if host_option and _KEYWORD_STRING.match(value.text) and not _HOST_SETTING.search(value.text):
                value = Value(value.start, f"{value.text} host={host.text if host else HOLE}", False, value.key)
            yield value
        if host is not None and not any(read_connection_string(value.text) for value in values):
            yield Value(host.start, f"host={host.text}", False, from_options=True)
        for value in values:  # a command given as one word: ``sh -c "pg_dump -h db.example.com app"``
            yield from command_hosts(value)
        command = []


def argument_hosts(arguments: list[Value]) -> Iterator[Value]:
    """The connection a libpq client builds from its options when a command is a list of its arguments
    (a compose or Kubernetes ``command: ["pg_dump", "-h", "db.example.com", "app"]``)."""
    command = [[_Segment("plain", argument.start, argument.text, argument.exact)] for argument in arguments]
    host = _literal_host(command)
    if host is not None and not any(read_connection_string(argument.text) for argument in arguments):
        yield Value(host.start, f"host={host.text}", False, from_options=True)


def command_hosts(value: Value) -> Iterator[Value]:
    """The connections that libpq clients in a command held in ``value`` build from their options, such as a
    YAML ``run: pg_dump -h db.example.com app``, a JSON ``scripts`` entry or ``sh -c "..."``."""
    if not _CLIENT_WITH_HOST.search(value.text):
        return
    for option in values(value.text):
        if option.from_options:
            yield dataclasses.replace(option, start=value.start + (option.start if value.exact else 0))


def _literal_host(command: list[list[_Segment]]) -> _Segment | None:
    """The host a libpq client program's ``-h``/``--host`` option names, when it is written out."""
    names = [word[0].text.rsplit("/", 1)[-1] for word in command]
    client = next((index for index, name in enumerate(names) if name in LIBPQ_CLIENTS), None)
    if client is None:
        return None
    words = [word[0].text if len(word) == 1 else None for word in command]
    for index, word in enumerate(words):
        if index <= client:
            continue  # another program's -h (``docker run -h name``)
        if word in ("-h", "--host") and index + 1 < len(command) and len(command[index + 1]) == 1:
            host = command[index + 1][0]
        elif word is not None and (word.startswith("--host=") or (word.startswith("-h") and word != "-h")):
            offset = len("--host=") if word.startswith("--host=") else 2
            segment = command[index][0]
            host = _Segment(segment.quoting, segment.start + offset, segment.text[offset:], segment.exact)
        else:
            continue
        literal = host.exact and host.text and not re.search(r"[$`{}]", host.text)
        return host if literal else None
    return None


def _word_values(word: list[_Segment]) -> Iterator[Value]:
    first = word[0]
    key = None
    if first.quoting == "plain" and first.exact:
        match = _ASSIGNMENT.match(first.text) or LONG_OPTION.match(first.text)
        if match is not None:
            key = match.group()[:-1] if match.re is _ASSIGNMENT else None
            rest = first.text[match.end() :]
            word = ([_Segment("plain", first.start + match.end(), rest, True)] if rest else []) + word[1:]
    if not word:
        return
    if len(word) == 1:
        segment = word[0]
        yield Value(segment.start, segment.text, segment.exact, key, _FORBIDDEN[segment.quoting])
    else:
        yield Value(word[0].start, "".join(segment.text for segment in word), False, key)


def _words(text: str, position: int, end: int) -> Iterator[list[_Segment]]:
    """The words, and an empty list where a command ends."""
    while position < end:
        char = text[position]
        if char in "\r\n" or char in _OPERATORS:
            yield []
            position += 1
        elif char in " \t":
            position += 1
        elif char == "#":
            newline = text.find("\n", position, end)
            position = end if newline < 0 else newline
        elif char == "\\" and text.startswith(("\\\n", "\\\r\n"), position):
            position += 2 if text[position + 1] == "\n" else 3
        else:
            word, position = _word(text, position, end)
            if word:
                yield word


def _word(text: str, position: int, end: int) -> tuple[list[_Segment], int]:
    segments: list[_Segment] = []
    plain: list[str] = []
    plain_start, plain_exact = position, True

    def close_plain() -> None:
        if plain:
            segments.append(_Segment("plain", plain_start, "".join(plain), plain_exact))

    while position < end:
        char = text[position]
        if char in " \t\r\n" or char in _OPERATORS:
            break
        if char in "'\"":
            close_plain()
            segment, position = _quoted(text, position, end)
            segments.append(segment)
            plain, plain_start, plain_exact = [], position, True
            continue
        if char == "\\":
            plain.append(text[position + 1 : position + 2])
            plain_exact = False
            position += 2
            continue
        if char == "$" and text.startswith(("$(", "${"), position):
            closing = _closing(text, position + 1, end)
            plain.append(text[position:closing])
            position = closing
            continue
        if char == "`":
            closing = text.find("`", position + 1, end)
            closing = end if closing < 0 else closing + 1
            plain.append(text[position:closing])
            position = closing
            continue
        plain.append(char)
        position += 1
    close_plain()
    return segments, position


def _quoted(text: str, position: int, end: int) -> tuple[_Segment, int]:
    quote = text[position]
    start = position + 1
    if quote == "'":
        closing = text.find("'", start, end)
        closing = end if closing < 0 else closing
        return _Segment("single", start, text[start:closing], True), closing + 1
    pieces, exact, position = [], True, start
    while position < end and text[position] != '"':
        char = text[position]
        if char == "\\" and position + 1 < end and text[position + 1] in '"\\$`\n':
            pieces.append(text[position + 1] if text[position + 1] != "\n" else "")
            exact = False
            position += 2
        elif char == "$" and text.startswith(("$(", "${"), position):
            closing = _closing(text, position + 1, end)
            pieces.append(text[position:closing])
            position = closing
        else:
            pieces.append(char)
            position += 1
    return _Segment("double", start, "".join(pieces), exact), position + 1


def _closing(text: str, opening: int, end: int) -> int:
    """The offset after the bracket that closes ``text[opening]`` (``(`` or ``{``)."""
    pair = {"(": ")", "{": "}"}[text[opening]]
    depth, position = 0, opening
    while position < end:
        if text[position] == text[opening]:
            depth += 1
        elif text[position] == pair:
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return end


EXAMPLES = (
    Example('#!/bin/sh\npsql "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=system"\n'),
    Example("export DATABASE_URL=$DATABASE_URL\npsql \"$DATABASE_URL\" -c 'select 1'\n"),
    Example('# psql "postgresql://db.example.com/app?sslmode=disable"\n'),
    Example('psql "postgresql://localhost/app?sslmode=disable"\n'),
    Example("export PGSSLMODE=verify-full\npsql -h db.example.com app\n"),
    Example("jdbc_url='jdbc:postgresql://db.example.com/app?sslmode=require'\n"),
    Example(
        'psql "postgresql://app@db.example.com/app?sslmode=require" -c "select 1"\n',
        ("NEO101",),
        'psql "postgresql://app@db.example.com/app?sslmode=verify-full" -c "select 1"\n',
    ),
    Example(
        "#!/usr/bin/env bash\nexport PGSSLMODE=require  # CI only\nPGSSLMODE='prefer' psql -h db.example.com\n",
        ("NEO108", "NEO108"),
        "#!/usr/bin/env bash\nexport PGSSLMODE=verify-full  # CI only\n"
        "PGSSLMODE='verify-full' psql -h db.example.com\n",
    ),
    Example(
        'pg_dump --dbname="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}/app?sslmode=require" > dump.sql\n',
        ("NEO101",),
    ),
    Example(
        "alembic upgrade head \\\r\n  -x url='host=db.example.com dbname=app'\r\n",
        ("NEO102",),
        "alembic upgrade head \\\r\n  -x url='host=db.example.com dbname=app sslmode=verify-full'\r\n",
    ),
    Example(
        "export DATABASE_URL=postgresql://db.example.com/app\n",
        ("NEO102",),
    ),
    Example('psql "postgresql://db.example.com/app?sslmode=require"  # noqa: NEO101\n'),
    Example('psql "dbname=app sslmode=disable" -c "select 1"\n'),  # no host: the local socket
    # the host comes from -h: not the local socket
    Example('psql -h "$DB_HOST" -U app "dbname=app sslmode=prefer" -f migrate.sql\n', ("NEO101",)),
    # a URL only known at run time, given a weak sslmode: the setting is static, so it counts
    Example('psql "$(cat url)?sslmode=disable"\n', ("NEO101",)),
    # a key/value string given as a long option's value in the same word
    Example(
        'pg_dump --dbname="host=pg.example.com dbname=app sslmode=prefer" -Fc -f app.dump\n',
        ("NEO101",),
        'pg_dump --dbname="host=pg.example.com dbname=app sslmode=verify-full" -Fc -f app.dump\n',
    ),
    Example("pg_dump --dbname='dbname=app sslmode=disable' -f app.dump\n"),
    # a libpq client given a written-out remote host and no sslmode: libpq's default prefer (no fix: the
    # sslmode goes in the environment or a connection string)
    Example('PGPASSWORD="$PW" pg_dump -h db.example.com -U backup app > app.sql\n', ("NEO102",)),
    Example("sudo psql --host=db.example.com -d app -c 'select 1'\n", ("NEO102",)),
    Example("psql -h localhost -U postgres -c 'select 1'\npg_isready -h db.example.com -U app\n"),
    Example('psql -h "$DB_HOST" -U app app\ngrep -h sslmode *.conf\n'),
    Example("PGSSLMODE=verify-full psql -h db.example.com app\n"),
    Example("psql -h db.example.com 'postgresql://app@db.example.com/app?sslmode=verify-full'\n"),
    Example('psql -h localhost "dbname=app sslmode=disable"\n'),
    Example('docker compose exec db sh -c "pg_dump -h db.example.com -U app app" > dump.sql\n', ("NEO102",)),
    Example("docker run -h db.example.com --rm postgres:16 psql -h 127.0.0.1 -U postgres\n"),
)
