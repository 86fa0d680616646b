"""libpq's connection service file (``pg_service.conf``, ``.pg_service.conf``).

Read with libpq's own rules (``parseServiceFile``): leading and trailing white space is
dropped, ``#`` starts a comment line, ``[name]`` starts a service, every other line is
``keyword=value`` split at the first ``=`` with no quoting, and the first setting of a
keyword in a service wins. Each service is one connection: it is judged as the key/value
string it amounts to, so a service with a remote ``host`` and no ``sslmode`` is reported at
its ``[name]`` line, and a weak ``sslmode`` at that line. The fix rewrites the ``sslmode``
line, or adds ``sslmode=verify-full`` as the service's last line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from flake8_neon.formats.values import Edit, Example, TextFinding, judge_string
from flake8_neon.judgments import ConnectionString
from flake8_neon.settings import Settings

#: libpq reads the file line by line (``\n``), skips leading and drops trailing white space (``\r`` too).
_LINE = re.compile(r"[ \t\f\v\r]*(?P<content>[^\n]*?)[ \t\f\v]*(?P<newline>\r?\n|\r?$)")


@dataclass
class _Service:
    header: int  # offset of the ``[name]`` line
    settings: dict[str, tuple[str, int]] = field(default_factory=dict)  # keyword -> (value, value offset)
    end: int = 0  # offset just after the last setting line
    newline: str = "\n"  # the newline of the last setting line ("" at the end of a file without one)


def findings(text: str, settings: Settings) -> list[TextFinding]:
    found = []
    for service in _services(text):
        string = ConnectionString.read(
            " ".join(f"{key}='{_escape(value)}'" for key, (value, _) in service.settings.items())
        )
        if string is None:
            continue
        for judgment in judge_string(string, settings):
            sslmode = service.settings.get("sslmode")
            offset = sslmode[1] if sslmode is not None and judgment.code != "NEO102" else service.header
            fix = _fix(service) if judgment.fixable else None
            found.append(TextFinding(offset, judgment.code, judgment.message, fix))
    return found


def _services(text: str) -> Iterator[_Service]:
    service = None
    position = 0
    while position < len(text):
        line = _LINE.match(text, position)
        assert line is not None  # the pattern matches any text, also the empty rest
        position = line.end()
        content = line["content"]
        if not content or content.startswith("#"):
            continue
        if content.startswith("["):
            if service is not None:
                yield service
            service = _Service(line.start("content"))
            continue
        if service is None or "=" not in content:
            continue
        key, value = content.split("=", 1)
        service.settings.setdefault(key, (value, line.start("content") + len(key) + 1))
        service.end, service.newline = line.end(), line["newline"]
    if service is not None:
        yield service


def _fix(service: _Service) -> Edit | None:
    if "requiressl" in service.settings:
        return None
    sslmode = service.settings.get("sslmode")
    if sslmode is not None:
        value, offset = sslmode
        return Edit(offset, offset + len(value), "verify-full")
    if not service.end:
        return None
    if not service.newline:  # the last line of a file without a final newline
        return Edit(service.end, service.end, "\nsslmode=verify-full")
    return Edit(service.end, service.end, f"sslmode=verify-full{service.newline}")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


EXAMPLES = (
    Example("[local]\nhost=localhost\ndbname=app\n"),
    Example("[neon]\nhost=ep-cool-1.neon.tech\ndbname=neondb\nsslmode=verify-full\nsslrootcert=system\n"),
    Example("# [old]\n# host=db.example.com\n"),
    Example(
        "[prod]\nhost=db.example.com\ndbname=app\nsslmode=require\n",
        ("NEO101",),
        "[prod]\nhost=db.example.com\ndbname=app\nsslmode=verify-full\n",
    ),
    Example(
        "# services\r\n[prod]\r\nhost=db.example.com\r\nport=5432\r\n\r\n[dev]\r\nhost=localhost\r\n",
        ("NEO102",),
        "# services\r\n[prod]\r\nhost=db.example.com\r\nport=5432\r\nsslmode=verify-full\r\n"
        "\r\n[dev]\r\nhost=localhost\r\n",
    ),
    Example(
        "[prod]\nsslmode=prefer\nhost=db.example.com\nsslmode=verify-full\n",
        ("NEO101",),
        "[prod]\nsslmode=verify-full\nhost=db.example.com\nsslmode=verify-full\n",
    ),
    Example("[prod]\nhost=db.example.com\nrequiressl=1\n", ("NEO101",)),
    Example(
        "[prod]\nhost=db.example.com\ndbname=app",
        ("NEO102",),
        "[prod]\nhost=db.example.com\ndbname=app\nsslmode=verify-full",
    ),
)
