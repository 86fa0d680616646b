"""TLS settings given as values (keyword arguments, dict items), judged over every candidate.

A setting such as ``sslmode=MODE`` may hold several values (``"require" if prod else
"disable"``, a name assigned in two places). It is a problem only when every candidate is
known and none verifies: then each literal candidate is reported where it is written, with
its own fix, and an SSL context where it reaches the driver. One candidate that verifies, or
that the module does not decide, keeps it silent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from flake8_neon.conninfo import evaluate_tls
from flake8_neon.facts.values import Values
from flake8_neon.judgments import MODE_RISKS, PG8000_CONTEXT, needs_host, weak_mode_message, weak_sslmode_value
from flake8_neon.literals import LeafFix, literal_value, replace_text

_LIBPQ_TLS = ("sslrootcert", "sslnegotiation")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one candidate value, where it is written, and how to fix it."""

    code: str
    node: cst.CSTNode
    message: str
    fix: LeafFix | None = None


class TlsValues:
    """Judges TLS values for the rules of one module; each verdict is computed once."""

    def __init__(self, values: Values) -> None:
        self.values = values
        self._cache: dict[tuple[str, int], list[Problem]] = {}

    def libpq(self, settings: dict[str, cst.BaseExpression]) -> list[Problem]:
        """Problems with libpq's sslmode among ``settings`` (keyword arguments or dict items)."""
        node = settings.get("sslmode", settings.get("requiressl"))
        if node is None:
            return []
        return self._cached("libpq", node, lambda: self._libpq(node, "sslmode" in settings, settings))

    def _libpq(
        self, node: cst.BaseExpression, is_sslmode: bool, settings: dict[str, cst.BaseExpression]
    ) -> list[Problem]:
        others: dict[str, str] = {}
        for keyword in _LIBPQ_TLS:
            value = literal_value(settings[keyword]) if keyword in settings else None
            if isinstance(value, str):
                others[keyword] = value
        hosts = {key: literal_value(settings[key]) for key in ("host", "hostaddr") if key in settings}
        no_host = needs_host({key: value for key, value in hosts.items() if isinstance(value, str)})
        problems = []
        for candidate in self.values.candidates(node):
            if isinstance(candidate.node, cst.Name) and candidate.node.value == "None":
                continue  # psycopg and psycopg2 drop None settings: libpq's default, prefer, applies
            value = literal_value(candidate.node)
            if not isinstance(value, str):
                return []
            mode = value if is_sslmode else ("require" if value.startswith("1") else "prefer")
            verdict = evaluate_tls({**others, "sslmode": mode}, {})
            if verdict.verify_full:
                return []
            fix = None if no_host or not is_sslmode else replace_text(candidate.node, "verify-full")
            if verdict.rejected:
                problems.append(Problem("NEO105", candidate.node, f"libpq refuses to connect: {verdict.rejected}", fix))
                continue
            judgment = weak_sslmode_value(mode)
            if judgment is None:
                return []
            message = (
                judgment.message
                if is_sslmode
                else weak_mode_message(f"requiressl={value!r}", mode, "use sslmode='verify-full'")
            )
            if no_host:
                message += " and add host=<server name>"
            problems.append(Problem("NEO103", candidate.node, message, fix))
        return problems

    def asyncpg(self, node: cst.BaseExpression) -> list[Problem]:
        """Problems with asyncpg's ``ssl=`` value: a weak sslmode name, ``False``, a context that does not verify."""
        return self._cached("asyncpg", node, lambda: self._asyncpg(node))

    def _asyncpg(self, node: cst.BaseExpression) -> list[Problem]:
        problems = []
        for candidate in self.values.candidates(node):
            value = literal_value(candidate.node)
            fix = _leaf(candidate.node, "True")
            if value is None:
                continue  # asyncpg's default: the connection string decides (``None if local else ctx``)
            if isinstance(value, str) and value in MODE_RISKS:
                message = weak_mode_message(f"asyncpg ssl={value!r}", value, "use ssl=True")
                problems.append(Problem("NEO103", candidate.node, message, fix))
            elif value is False:
                message = "asyncpg ssl=False sends everything in plaintext; use ssl=True"
                problems.append(Problem("NEO104", candidate.node, message, fix))
            elif (reason := self.values.unverified_context(candidate)) is not None:
                message = f"SSL context does not verify the server ({reason}); use ssl.create_default_context()"
                problems.append(Problem("NEO104", node, message))  # where it reaches the driver
            else:
                return []
        return problems

    def pg8000(self, node: cst.BaseExpression) -> list[Problem]:
        """Problems with pg8000's ``ssl_context=`` value: ``True``, ``False``, a context that does not verify."""
        return self._cached("pg8000", node, lambda: self._pg8000(node))

    def _cached(self, driver: str, node: cst.CSTNode, judge: Callable[[], list[Problem]]) -> list[Problem]:
        key = (driver, id(node))
        if key not in self._cache:
            self._cache[key] = judge()
        return self._cache[key]

    def _pg8000(self, node: cst.BaseExpression) -> list[Problem]:
        problems = []
        for candidate in self.values.candidates(node):
            value = literal_value(candidate.node)
            if value is True:
                message = f"pg8000 ssl_context=True encrypts but never verifies the server; pass {PG8000_CONTEXT}"
            elif value is False:
                message = f"pg8000 ssl_context=False sends everything in plaintext; pass {PG8000_CONTEXT}"
            elif (reason := self.values.unverified_context(candidate)) is not None:
                problems.append(
                    Problem("NEO104", node, f"SSL context does not verify the server ({reason}); pass {PG8000_CONTEXT}")
                )
                continue
            else:
                return []
            problems.append(Problem("NEO104", candidate.node, message))
        return problems


def _leaf(node: cst.CSTNode, text: str) -> LeafFix | None:
    """Replace a literal (string or name) with ``text``."""
    if isinstance(node, (cst.SimpleString, cst.Name)):
        return ((node, text),)
    return None
