"""Files that are not Python: their kinds, and how each kind is checked.

Each kind has one module here with a ``values(text)`` scanner (or, for pg_service.conf,
``findings(text, settings)``) and its ``EXAMPLES``. Modules are imported on first use, so
checking a ``.env`` file never imports the YAML parser. Nothing here imports libcst.
"""

from __future__ import annotations

import importlib
import re

from flake8_neon.formats.values import LIBPQ_CLIENTS, TextFinding, judge, unsuppressed
from flake8_neon.settings import Settings

#: Every kind of file besides Python, with the module that reads it.
MODULES: dict[str, str] = {
    "dotenv": "dotenv",
    "yaml": "yaml_files",
    "toml": "toml_files",
    "ini": "ini_files",
    "json": "json_files",
    "dockerfile": "dockerfile",
    "shell": "shell",
    "procfile": "procfile",
    "pg_service": "pg_service",
    "makefile": "makefile",
    "terraform": "terraform",
    "docs": "docs",
}
_WITHOUT_COMMENTS = frozenset({"json"})
#: Text every finding needs: a URI, an sslmode (pgAdmin's ``SSLMode``, an app's ``ssl_mode`` too), PGSSLMODE,
#: a host setting, or a libpq client program (``pg_dump -h db.example.com``).
_SIGNALS = re.compile(
    r"postgres(?:ql)?(?:\+\w+)?://|(?i:ssl[_-]?mode)|requiressl|PGSSL|host(?:addr)?\s*="
    rf"|\b(?:{'|'.join(sorted(LIBPQ_CLIENTS))})\b"
)


def may_contain_findings(text: str) -> bool:
    """False when no finding is possible in ``text``: then it need not be scanned."""
    return _SIGNALS.search(text) is not None


def check(kind: str, text: str, settings: Settings) -> list[TextFinding]:
    """Every finding in ``text``, a file of ``kind``, in order, without those silenced by ``# noqa``."""
    module = importlib.import_module(f"flake8_neon.formats.{MODULES[kind]}")
    findings = module.findings(text, settings) if hasattr(module, "findings") else judge(module.values(text), settings)
    kept = unsuppressed(findings, text, comments=kind not in _WITHOUT_COMMENTS)
    return sorted(set(kept), key=lambda finding: (finding.offset, finding.code))
