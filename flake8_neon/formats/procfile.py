"""Procfiles (Heroku, foreman, honcho): ``name: command`` lines, each command read as shell words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from flake8_neon.formats import shell
from flake8_neon.formats.values import Example, Value

_PROCESS = re.compile(r"^[ \t]*[A-Za-z0-9_-]+[ \t]*:[ \t]*(?P<command>[^\r\n]*)", re.MULTILINE)


def values(text: str) -> Iterator[Value]:
    for match in _PROCESS.finditer(text):
        yield from shell.values(text, match.start("command"), match.end("command"))


EXAMPLES = (
    Example("web: gunicorn app.wsgi\nrelease: python manage.py migrate\n"),
    Example(
        "web: gunicorn app.wsgi\nrelease: PGSSLMODE=require python manage.py migrate\n",
        ("NEO108",),
        "web: gunicorn app.wsgi\nrelease: PGSSLMODE=verify-full python manage.py migrate\n",
    ),
    Example(
        "worker: celery -A app worker --db 'postgresql://db.example.com/app?sslmode=allow'\n",
        ("NEO101",),
        "worker: celery -A app worker --db 'postgresql://db.example.com/app?sslmode=verify-full'\n",
    ),
)
