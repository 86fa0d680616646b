"""YAML files (``*.yml``, ``*.yaml``): compose files, GitHub Actions workflows, Kubernetes manifests, Helm values.

Parsed with PyYAML (already installed with libcst, which depends on it; its C parser when
available): node marks give every scalar's exact place, and comments never reach the
scalars. A mapping key names its value (``environment:``/``env:`` maps); a mapping with a
``name`` (or ``key``) names its ``value`` (Kubernetes ``env`` entries, Render's ``envVars``,
ECS task definitions), and so does the variable a mapping describes (GitLab's ``PGSSLMODE:
{value: require, description: ...}``); ``- PGSSLMODE=require`` list items
are found in the text. Block scalars (``run: |``) are read as shell text, and a literal block
under a file's name (``config.yaml: |``, ``app.env: |`` in a ConfigMap) as that kind of file. The ``data`` of a
Kubernetes ``Secret`` is base64: it is decoded and judged, and never rewritten. A file PyYAML
cannot parse (a Helm template full of ``{{ }}``) is read line by line instead.
"""

from __future__ import annotations

import base64
import bisect
import dataclasses
import importlib
import re
from collections.abc import Iterator
from typing import NamedTuple

import yaml

from flake8_neon.discovery import kind_of
from flake8_neon.formats import MODULES, shell
from flake8_neon.formats.values import NAME_KEYS, VALUE_KEYS, VARIABLE, Example, Value

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FORBIDDEN = {"": "#\r\n", "'": "'\r\n", '"': '"\\\r\n'}
_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<content>[^\r\n]*)", re.MULTILINE)
#: Kinds of files a literal block may hold under their name, read as such (any other block is shell text).
_EMBEDDED = frozenset({"dotenv", "yaml", "toml", "ini", "json", "dockerfile", "procfile", "makefile", "terraform"})


def values(text: str) -> Iterator[Value]:
    try:
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.YAMLError:
        yield from _lines(text)
        return
    seen: set[int] = set()
    for document in documents:
        if document is not None:
            encoded = _secret_data(document)
            for value in _walk(text, document, None, seen, None, ()):
                yield _decoded(value) if value.start in encoded else value


def _secret_data(document: yaml.Node) -> set[int]:
    """Where the values of a Kubernetes Secret's ``data`` stand: base64 of what the container sees."""
    items = {
        key.value: value
        for key, value in (document.value if isinstance(document, yaml.MappingNode) else ())
        if isinstance(key, yaml.ScalarNode)
    }
    kind, data = items.get("kind"), items.get("data")
    if not isinstance(kind, yaml.ScalarNode) or kind.value != "Secret" or not isinstance(data, yaml.MappingNode):
        return set()
    return {
        value.start_mark.index + (value.style in ("'", '"'))
        for _, value in data.value
        if isinstance(value, yaml.ScalarNode) and (value.style or "") in ("", "'", '"')
    }


def _decoded(value: Value) -> Value:
    """A Secret's ``data`` value as the container sees it: judged, never rewritten (the file holds base64)."""
    try:
        text = base64.b64decode(value.text.strip(), validate=True).decode()
    except ValueError:  # not base64, or not UTF-8 text (binascii.Error and UnicodeDecodeError are ValueErrors)
        text = ""
    return dataclasses.replace(value, text=text, exact=False, group=None)


class _Enclosing(NamedTuple):
    """A node that encloses a value: where it starts, and whether it is an item naming its value
    (``{name: PGSSLMODE, value: ...}``, GitLab's ``PGSSLMODE: {value: ...}``)."""

    start: int
    item: bool


def _walk(
    text: str, node: yaml.Node, key: str | None, seen: set[int], group: int | None, path: tuple[_Enclosing, ...]
) -> Iterator[Value]:
    if id(node) in seen:  # an alias of a node already read
        return
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        scope, reach = tuple(enclosing.start for enclosing in path), _reach(path)
        for value in _scalar(text, node, key, group):
            yield dataclasses.replace(value, scope=scope, reach=reach)
    elif isinstance(node, yaml.SequenceNode):
        inner = (*path, _Enclosing(node.start_mark.index, False))
        for item in node.value:
            yield from _walk(text, item, key, seen, None, inner)
        if all(isinstance(item, yaml.ScalarNode) and item.style in (None, "", "'", '"') for item in node.value):
            scope, reach = tuple(enclosing.start for enclosing in path), _reach(inner)
            arguments = [_argument(text, item) for item in node.value]
            for value in shell.argument_hosts(arguments):  # ``command: ["pg_dump", "-h", "db.example.com"]``
                yield dataclasses.replace(value, scope=scope, reach=reach)
    elif isinstance(node, yaml.MappingNode):
        name = next(
            (v.value for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value in NAME_KEYS),
            key if key is not None and VARIABLE.fullmatch(key) else None,
        )
        inner = (*path, _Enclosing(node.start_mark.index, isinstance(name, str)))
        for key_node, value_node in node.value:
            item_key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if item_key in VALUE_KEYS and isinstance(name, str):
                item_key = name
            yield from _walk(text, value_node, item_key, seen, node.start_mark.index, inner)


def _argument(text: str, node: yaml.ScalarNode) -> Value:
    quote = 1 if node.style else 0
    raw = text[node.start_mark.index + quote : node.end_mark.index - quote]
    return Value(node.start_mark.index + quote, node.value, raw == node.value)


def _reach(path: tuple[_Enclosing, ...]) -> tuple[int, ...]:
    """What an environment variable set in a value under ``path`` applies to: the node that holds its
    environment (``environment:``, ``env:``, ``variables:``), such as a compose service, a container or a
    job, and everything inside it. Set at a document's top level, it applies to the whole file (a
    ConfigMap's variables reach the Deployment beside it that reads them)."""
    rest = list(path)
    if rest and rest.pop().item and rest:
        rest.pop()  # the item's list (or mapping) of variables
    return tuple(enclosing.start for enclosing in rest) if len(rest) > 1 else ()


def _scalar(text: str, node: yaml.ScalarNode, key: str | None, group: int | None) -> Iterator[Value]:
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style in ("|", ">"):
        newline = text.find("\n", start, end)
        embedded = kind_of(key) if key is not None and style == "|" else None
        if newline >= 0 and embedded in _EMBEDDED:
            yield from _embedded(text, newline + 1, end, embedded)
        elif newline >= 0:
            yield from shell.values(text, newline + 1, end)
        return
    quote = 1 if style in ("'", '"') else 0
    raw = text[start + quote : end - quote]
    value = Value(start + quote, node.value, raw == node.value, key, _FORBIDDEN.get(style, "\r\n"), group)
    yield value
    yield from shell.command_hosts(value)  # a one-line command (``run: pg_dump -h db.example.com app``)


def _embedded(text: str, start: int, end: int, kind: str) -> Iterator[Value]:
    """The values of a file held in a literal block (``config.yaml: |`` of a ConfigMap), read as its kind.

    The block's lines lose its indentation, as YAML reads them; each value found keeps its place
    in this file, and one that spans lines is never rewritten."""
    lines = list(_LINE.finditer(text, start, end))
    indent = min((len(line["indent"]) for line in lines if line["content"].strip()), default=0)
    pieces, anchors = [], []  # anchors: (offset in the block's text, offset in this file), one per line
    position = 0
    for line in lines:
        cut = min(indent, len(line["indent"]))
        anchors.append((position, line.start() + cut))
        piece = text[line.start() + cut : line.end()] + "\n"
        pieces.append(piece)
        position += len(piece)
    block = "".join(pieces)
    starts = [inner for inner, _ in anchors]
    module = importlib.import_module(f"flake8_neon.formats.{MODULES[kind]}")
    for value in module.values(block):
        index = bisect.bisect_right(starts, value.start) - 1
        inner, outer = anchors[index]
        group = None
        if value.group is not None:
            group_index = bisect.bisect_right(starts, value.group) - 1
            group = anchors[group_index][1] + value.group - anchors[group_index][0] if group_index >= 0 else None
        exact = value.exact and "\n" not in block[value.start : value.start + len(value.text)]
        yield Value(outer + value.start - inner, value.text, exact, value.key, value.forbidden, group)


def _lines(text: str) -> Iterator[Value]:
    """Each line that is not a comment, as ``key: value`` or as a whole, for YAML that does not parse.

    A ``value:`` line right after a ``name:`` line is the value of the variable it names (``- name:
    PGSSLMODE`` / ``value: {{ ... }}`` in a Helm template)."""
    name = None
    for line in _LINE.finditer(text):
        content = line["content"]
        if not content.strip() or content.startswith("#"):
            continue
        key, separator, rest = content.partition(": ")
        if separator and re.fullmatch(r"-?\s*[\w.-]+", key):
            value = rest.split(" #", 1)[0].rstrip()
            unquoted = value.strip("\"'")
            offset = line.start("content") + len(key) + 2 + (len(value) - len(value.lstrip("\"'")))
            key = key.lstrip("- \t")
            yield Value(offset, unquoted, True, name if key in VALUE_KEYS and name else key, "#\"'\r\n")
            name = unquoted if key in NAME_KEYS else None
        else:
            yield Value(line.start("content"), content.split(" #", 1)[0], True, None, "#\"'\r\n")
            name = None


EXAMPLES = (
    # Ansible's community.postgresql modules: login_host names the host of their ssl_mode
    Example("- community.postgresql.postgresql_query:\n    login_host: localhost\n    ssl_mode: disable\n"),
    Example(
        "- community.postgresql.postgresql_db:\n    login_host: pg.example.com\n    ssl_mode: require\n",
        ("NEO103",),
        "- community.postgresql.postgresql_db:\n    login_host: pg.example.com\n    ssl_mode: verify-full\n",
    ),
    # a one-line command's libpq client given a written-out host and no sslmode, also as a list of arguments
    Example('services:\n  restore:\n    command: ["pg_restore", "-h", "db.example.com", "-d", "app"]\n', ("NEO102",)),
    Example("spec:\n  containers:\n    - args:\n        - psql\n        - -h\n        - localhost\n"),
    Example("services:\n  seed:\n    command: psql -h db.example.com -U app -f /seed.sql\n", ("NEO102",)),
    Example("steps:\n  - run: psql -h localhost -U postgres -c 'select 1'\n  - run: pg_isready -h db.example.com\n"),
    # PGSSLMODE=verify-full reaches its own service, container or job, not the others of the file
    Example(
        "services:\n  worker:\n    environment:\n      PGSSLMODE: verify-full\n"
        "    command: psql postgresql://db.example.com/app\n"
        "  api:\n    environment:\n      - DATABASE_URL=postgresql://db.example.com/api\n",
        ("NEO102",),
        "services:\n  worker:\n    environment:\n      PGSSLMODE: verify-full\n"
        "    command: psql postgresql://db.example.com/app\n"
        "  api:\n    environment:\n      - DATABASE_URL=postgresql://db.example.com/api?sslmode=verify-full\n",
    ),
    Example(
        "spec:\n  containers:\n    - name: api\n      env:\n        - name: PGSSLMODE\n          value: verify-full\n"
        "        - name: DATABASE_URL\n          value: postgresql://db.example.com/api\n"
        "    - name: report\n      env:\n        - name: DATABASE_URL\n"
        "          value: postgresql://db.example.com/dw\n",
        ("NEO102",),
        "spec:\n  containers:\n    - name: api\n      env:\n        - name: PGSSLMODE\n          value: verify-full\n"
        "        - name: DATABASE_URL\n          value: postgresql://db.example.com/api\n"
        "    - name: report\n      env:\n        - name: DATABASE_URL\n"
        "          value: postgresql://db.example.com/dw?sslmode=verify-full\n",
    ),
    Example(
        "env:\n  PGSSLMODE: verify-full\njobs:\n  test:\n    steps:\n"
        "      - run: psql postgresql://db.example.com/app -c 'select 1'\n"
    ),
    Example(
        "kind: ConfigMap\ndata:\n  PGSSLMODE: verify-full\n---\nkind: Deployment\nspec:\n  containers:\n"
        "    - name: api\n      env:\n        - name: DATABASE_URL\n          value: postgresql://db.example.com/api\n"
    ),
    # a quoted key/value string in a one-line command (GitLab's script:, a compose command:)
    Example(
        'deploy:\n  script:\n    - psql "host=$PROD_DB_HOST dbname=app sslmode=require" -f schema.sql\n',
        ("NEO101",),
    ),
    Example(
        'deploy:\n  script:\n    - psql "host=db.example.com dbname=app sslmode=prefer" -f schema.sql\n',
        ("NEO101",),
        'deploy:\n  script:\n    - psql "host=db.example.com dbname=app sslmode=verify-full" -f schema.sql\n',
    ),
    Example("test:\n  script:\n    - psql 'dbname=app_test user=ci' -c 'select 1'\n"),
    Example('notes:\n  - echo "sslmode=require is not enough"\n'),
    Example(
        "services:\n  app:\n    environment:\n      DATABASE_URL: postgresql://app@localhost/app\n"
        "      # DATABASE_URL: postgresql://app@db.example.com/app?sslmode=disable\n  db:\n    image: postgres:16\n"
    ),
    Example("env:\n  DATABASE_URL: ${{ secrets.DATABASE_URL }}\n  PGSSLMODE: verify-full\n"),
    Example("env:\n  - name: MODE\n    value: require\n"),
    Example(
        "services:\n  app:\n    environment:\n      - PGSSLMODE=require\n"
        "      - DATABASE_URL=postgresql://db.example.com/app\n",
        ("NEO102", "NEO108"),
        "services:\n  app:\n    environment:\n      - PGSSLMODE=verify-full\n"
        "      - DATABASE_URL=postgresql://db.example.com/app?sslmode=verify-full\n",
    ),
    Example(
        "jobs:\n  test:\n    env:\n      DATABASE_URL: 'postgresql://app@db.example.com/app?sslmode=require'  # CI\n",
        ("NEO101",),
        "jobs:\n  test:\n    env:\n"
        "      DATABASE_URL: 'postgresql://app@db.example.com/app?sslmode=verify-full'  # CI\n",
    ),
    Example(
        "spec:\n  containers:\n    - name: app\n      env:\n        - name: PGSSLMODE\n          value: \"prefer\"\n",
        ("NEO108",),
        "spec:\n  containers:\n    - name: app\n      env:\n"
        '        - name: PGSSLMODE\n          value: "verify-full"\n',
    ),
    Example(
        "steps:\n  - run: |\r\n      psql \"postgresql://app@db.example.com/app?sslmode=disable\" -f schema.sql\r\n"
        "      export PGSSLMODE=allow\r\n",
        ("NEO101", "NEO108"),
        "steps:\n  - run: |\r\n      psql \"postgresql://app@db.example.com/app?sslmode=verify-full\" -f schema.sql\r\n"
        "      export PGSSLMODE=verify-full\r\n",
    ),
    Example(
        "database:\n  url: \"postgresql://{{ .Values.db.user }}@{{ .Values.db.host }}/app?sslmode=require\"\n",
        ("NEO101",),
    ),
    Example(
        "{{- if .Values.db.enabled }}\nenv:\n  - name: DATABASE_URL\n"
        "    value: postgresql://db.example.com/app?sslmode=prefer\n"
        "{{- end }}\n",
        ("NEO101",),
        "{{- if .Values.db.enabled }}\nenv:\n  - name: DATABASE_URL\n"
        "    value: postgresql://db.example.com/app?sslmode=verify-full\n{{- end }}\n",
    ),
    Example(
        "x-db: &db\n  DATABASE_URL: \"postgresql://db.example.com/app\\u003Fsslmode=disable\"\n"
        "services:\n  app:\n    environment: *db\n",
        ("NEO101",),
    ),
    # a URL only known at run time, given a weak sslmode
    Example(
        "steps:\n  - run: psql \"${{ secrets.DATABASE_URL }}?sslmode=require\" -c 'select 1'\n",
        ("NEO101",),
    ),
    # sslmode as an item of a mapping (Helm values, Rails database.yml): judged unless its host is local
    Example(
        "externalDatabase:\n  host: pg.example.com\n  database: app\n  sslmode: require\n",
        ("NEO103",),
        "externalDatabase:\n  host: pg.example.com\n  database: app\n  sslmode: verify-full\n",
    ),
    Example(
        "development:\n  host: localhost\n  sslmode: disable\n"
        "production:\n  host: pg.example.com\n  sslmode: verify-full\n"
    ),
    Example("sslmodes:\n  - disable\n  - require\n"),
    # an app's own spelling of the setting it hands to libpq; MySQL's ssl_mode values are not libpq's
    Example(
        "database:\n  host: db.example.com\n  ssl_mode: require  # TLS\n"
        "mysql:\n  host: m.example.com\n  ssl_mode: REQUIRED\n",
        ("NEO103",),
        "database:\n  host: db.example.com\n  ssl_mode: verify-full  # TLS\n"
        "mysql:\n  host: m.example.com\n  ssl_mode: REQUIRED\n",
    ),
    Example(
        "envVars:\n  - key: DATABASE_URL\n    fromDatabase:\n      name: db\n"
        "  - key: PGSSLMODE\n    value: require\n",
        ("NEO108",),
        "envVars:\n  - key: DATABASE_URL\n    fromDatabase:\n      name: db\n"
        "  - key: PGSSLMODE\n    value: verify-full\n",
    ),
    # GitLab's expanded variable: the mapping describes the variable its key names
    Example(
        'variables:\n  PGSSLMODE:\n    value: "require"\n    description: "TLS mode"\n',
        ("NEO108",),
        'variables:\n  PGSSLMODE:\n    value: "verify-full"\n    description: "TLS mode"\n',
    ),
    Example("variables:\n  DEPLOY_MODE:\n    value: require\n"),
    # a template's default is what is used unless the value is set: judged, and fixed in place
    Example(
        "env:\n  {{- if .Values.tls }}\n  - name: PGSSLMODE\n"
        '    value: {{ .Values.db.sslmode | default "require" | quote }}\n  {{- end }}\n',
        ("NEO108",),
        "env:\n  {{- if .Values.tls }}\n  - name: PGSSLMODE\n"
        '    value: {{ .Values.db.sslmode | default "verify-full" | quote }}\n  {{- end }}\n',
    ),
    Example(
        "app_env:\n"
        "  DATABASE_URL: \"postgresql://app@{{ db_host }}/app?sslmode={{ db_sslmode | default('prefer') }}\"\n",
        ("NEO101",),
    ),
    Example('env:\n  PGSSLMODE: "{{ pg_sslmode | default(omit) }}"\n'),
    Example(
        "env:\n  PGSSLMODE: ${{ inputs.sslmode || 'prefer' }}\n",
        ("NEO108",),
        "env:\n  PGSSLMODE: ${{ inputs.sslmode || 'verify-full' }}\n",
    ),
    Example("env:\n  PGSSLMODE: ${{ github.ref == 'refs/heads/main' && 'verify-full' || 'require' }}\n"),
    # a Secret's data is base64 of the value: judged decoded, never rewritten
    Example(
        "apiVersion: v1\nkind: Secret\ndata:\n"
        "  DATABASE_URL: cG9zdGdyZXNxbDovL2FwcEBkYi5leGFtcGxlLmNvbS9hcHA/c3NsbW9kZT1yZXF1aXJl\n"
        "  PGSSLMODE: \"cHJlZmVy\"\n  CA: c3NsbW9kZT1kaXNhYmxl!!\n",
        ("NEO101", "NEO108"),
    ),
    Example(
        "apiVersion: v1\nkind: ConfigMap\ndata:\n"
        "  DATABASE_URL: cG9zdGdyZXNxbDovL2FwcEBkYi5leGFtcGxlLmNvbS9hcHA/c3NsbW9kZT1yZXF1aXJl\n"
    ),
    # a file held in a literal block is read as the kind its name says, in place
    Example(
        "kind: ConfigMap\ndata:\n  config.yaml: |\n    database:\n      host: db.example.com\n"
        "      sslmode: require\n  database.ini: |\n    [postgresql]\n    host=localhost\n    sslmode=disable\n",
        ("NEO103",),
        "kind: ConfigMap\ndata:\n  config.yaml: |\n    database:\n      host: db.example.com\n"
        "      sslmode: verify-full\n  database.ini: |\n    [postgresql]\n    host=localhost\n    sslmode=disable\n",
    ),
    Example(
        "data:\r\n  settings.json: |-\r\n    {\r\n"
        '      "db": {"host": "pg.example.com", "sslmode": "prefer"}\r\n    }\r\n'
        "  app.env: |\r\n    PGSSLMODE=allow\r\n",
        ("NEO103", "NEO108"),
        "data:\r\n  settings.json: |-\r\n    {\r\n"
        '      "db": {"host": "pg.example.com", "sslmode": "verify-full"}\r\n    }\r\n'
        "  app.env: |\r\n    PGSSLMODE=verify-full\r\n",
    ),
    Example("data:\n  notes.txt: |\n    sslmode: require is not verify-full\n"),
)
