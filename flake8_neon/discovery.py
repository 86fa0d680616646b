"""Which files to check, and of which kind: by name, extension or shebang.

Walking a directory includes dotfiles and ``.github/`` and skips version control, virtual
environments, ``node_modules``, build and cache folders. Files of a kind the linter does not
read are skipped quietly.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator, Sequence

_SKIPPED_DIRECTORIES = frozenset(
    {
        ".git", ".hg", ".svn", ".venv", "venv", "__pycache__", ".tox", ".nox", "node_modules", "build", "dist",
        ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".cache", "site-packages", ".direnv", ".terraform",
    }
)  # fmt: skip
_BY_EXTENSION = {
    ".py": "python",
    ".yml": "yaml",
    ".yaml": "yaml",
    ".toml": "toml",
    ".ini": "ini",
    ".cfg": "ini",
    ".conf": "ini",
    ".json": "json",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".ksh": "shell",
    ".env": "dotenv",
    ".dockerfile": "dockerfile",
    ".service": "ini",
    ".mk": "makefile",
    ".tf": "terraform",
    ".tfvars": "terraform",
}
#: A copy of a configuration file to fill in (``database.yml.example``, ``app.env.j2``): the kind of the name
#: without it. Python is left out: a template of a module need not be valid Python.
_TEMPLATE_SUFFIXES = frozenset(
    {".example", ".sample", ".dist", ".template", ".tpl", ".tmpl", ".j2", ".jinja", ".jinja2"}
)
_DOCS_EXTENSIONS = frozenset({".md", ".markdown", ".rst"})
_BY_NAME = {
    "pg_service.conf": "pg_service",
    ".pg_service.conf": "pg_service",
    "Procfile": "procfile",
    "Dockerfile": "dockerfile",
    "Containerfile": "dockerfile",
    ".env": "dotenv",
    ".envrc": "shell",
    ".flaskenv": "dotenv",
    ".bashrc": "shell",
    ".bash_profile": "shell",
    ".profile": "shell",
    ".zshrc": "shell",
    "Makefile": "makefile",
    "makefile": "makefile",
    "GNUmakefile": "makefile",
}
#: A file without an extension whose first line decides.
SHEBANG = "shebang"
_SHEBANG = re.compile(rb"#![^\r\n]*?\b(?:(?P<shell>sh|bash|dash|zsh|ksh)|(?P<python>python[0-9.]*))\b")


def kind_of(path: str, *, docs: bool = False) -> str | None:
    """The kind of the file at ``path`` from its name; :data:`SHEBANG` when its first line must decide."""
    name = os.path.basename(path)
    if name in _BY_NAME:
        return _BY_NAME[name]
    for prefix, kind in (("Dockerfile.", "dockerfile"), ("Containerfile.", "dockerfile"), ("Procfile.", "procfile")):
        if name.startswith(prefix):
            return kind
    if name.startswith((".env.", ".env-", ".env_")):
        return "dotenv"
    stem, extension = os.path.splitext(name)
    extension = extension.lower()
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if extension in _TEMPLATE_SUFFIXES and stem:
        inner = "dotenv" if stem == "env" else kind_of(stem, docs=docs)  # env.example: a .env to copy
        return None if inner in ("python", SHEBANG, "docs") else inner
    if extension in _DOCS_EXTENSIONS:
        return "docs" if docs else None
    return SHEBANG if not extension and not name.startswith(".") else None


def kind_from_shebang(data: bytes) -> str | None:
    """``shell`` or ``python`` for a script whose first line is a shebang naming one."""
    match = _SHEBANG.match(data)
    if match is None:
        return None
    return "shell" if match["shell"] else "python"


def files(paths: Sequence[str], exclude: Sequence[str], *, docs: bool) -> Iterator[tuple[str, str | None]]:
    """``(path, kind)`` of every file to look at; ``kind`` is None for a named file of an unknown kind."""
    for given in paths:
        if excluded(given, exclude):
            continue
        if not os.path.isdir(given):
            yield given, kind_of(given, docs=docs)
            continue
        for root, directories, names in os.walk(given):
            directories[:] = sorted(
                name
                for name in directories
                if not _skipped_directory(root, name) and not excluded(os.path.join(root, name), exclude)
            )
            for name in sorted(names):
                path = os.path.join(root, name)
                kind = kind_of(path, docs=docs)
                if kind is not None and not excluded(path, exclude):
                    yield path, kind


def excluded(path: str, patterns: Sequence[str]) -> bool:
    """True when ``path`` or its file name matches one of the shell-style ``patterns``."""
    normalized = os.path.normpath(path)
    return any(
        fnmatch.fnmatch(normalized, pattern) or fnmatch.fnmatch(os.path.basename(normalized), pattern)
        for pattern in patterns
    )


def _skipped_directory(root: str, name: str) -> bool:
    if name in _SKIPPED_DIRECTORIES or name.endswith(".egg-info"):
        return True
    return os.path.exists(os.path.join(root, name, "pyvenv.cfg"))  # a virtual environment under any name
