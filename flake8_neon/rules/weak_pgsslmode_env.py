"""NEO108: the code sets the PGSSLMODE environment variable to less than verify-full."""

from __future__ import annotations

import libcst as cst

from flake8_neon.conninfo import evaluate_tls
from flake8_neon.drivers import OS_ENVIRON, OS_PUTENV
from flake8_neon.judgments import weak_pgsslmode
from flake8_neon.literals import literal_value, replace_text
from flake8_neon.rules.base import Invalid, Rule

_TLS_VARIABLES = ("PGSSLMODE", "PGSSLROOTCERT")


class WeakPgsslmodeEnv(Rule):
    """``PGSSLMODE`` set in code to something weaker than verify-full.

    libpq (and asyncpg) read ``PGSSLMODE`` for every connection whose settings have no
    sslmode, so one weak assignment weakens the whole process: ``disable`` sends everything
    in plaintext, ``allow`` and ``prefer`` fall back to it, ``require`` never verifies the
    server, ``verify-ca`` never checks its host name. Checked: ``os.environ["PGSSLMODE"] =
    ...``, ``os.environ.setdefault``, ``os.environ.update``, ``os.putenv``,
    ``monkeypatch.setenv`` (a value held in a name, or the fallback of ``os.getenv(..., "require")``,
    counts), and environments written as dicts (``subprocess.run(["pg_dump",
    ...], env={**os.environ, "PGSSLMODE": "require"})``, ``dict(os.environ, PGSSLMODE="require")``),
    unless the dict is only compared
    or is data in a test.

    A module that sets ``PGSSLMODE=verify-full`` (or ``PGSSLROOTCERT=system``) itself gets
    no "missing sslmode" findings (NEO102, NEO106, NEO107). The fix sets ``"verify-full"``;
    libpq then also needs trusted roots (``PGSSLROOTCERT=<path to CA bundle>``, or
    ``system`` on libpq 16+).
    """

    CODE = "NEO108"
    VALID = (
        'import os\nos.environ["PGSSLMODE"] = "verify-full"',
        'import os\nos.environ.setdefault("PGSSLMODE", mode)',
        'import os\nos.environ["PGSSLMODE"] = os.getenv("DB_SSLMODE", "verify-full")',
        'import os\nos.environ["PGSSLMODE"] = os.getenv("DB_SSLMODE", "require") if DEV else "verify-full"',
        'import os\nos.environ["PGSSLROOTCERT"] = "/etc/ssl/ca.pem"',
        'import os\nos.environ["PGSSLMODE"] = "verify-full"\nDSN = "postgresql://db.example.com/app"',
        'def test_environment():\n    assert child_environment() == {"PGSSLMODE": "require"}',
        'def test_environment():\n    assert child_environment() == dict(PGSSLMODE="require")',
    )
    INVALID = (
        Invalid(
            'import os\nos.environ["PGSSLMODE"] = "require"',
            'import os\nos.environ["PGSSLMODE"] = "verify-full"',
        ),
        Invalid(
            "from os import environ\nenviron.setdefault('PGSSLMODE', 'prefer')",
            "from os import environ\nenviron.setdefault('PGSSLMODE', 'verify-full')",
        ),
        Invalid('import os\nos.putenv("PGSSLMODE", "disable")', 'import os\nos.putenv("PGSSLMODE", "verify-full")'),
        Invalid(
            'def test(monkeypatch):\n    monkeypatch.setenv("PGSSLMODE", "verify-ca")',
            'def test(monkeypatch):\n    monkeypatch.setenv("PGSSLMODE", "verify-full")',
        ),
        Invalid(
            'import os\nos.environ.update(PGSSLMODE="allow")', 'import os\nos.environ.update(PGSSLMODE="verify-full")'
        ),
        # the environment of a child process
        Invalid(
            "import os, subprocess\n"
            'subprocess.run(["pg_dump", "-f", path], env={**os.environ, "PGSSLMODE": "require"}, check=True)',
            "import os, subprocess\n"
            'subprocess.run(["pg_dump", "-f", path], env={**os.environ, "PGSSLMODE": "verify-full"}, check=True)',
        ),
        # the fallback of a setting read from the environment
        Invalid(
            'import os\nos.environ["PGSSLMODE"] = os.getenv("DB_SSLMODE", "require")',
            'import os\nos.environ["PGSSLMODE"] = os.getenv("DB_SSLMODE", "verify-full")',
        ),
        Invalid(
            'import os\nenv = dict(os.environ, PGSSLMODE="require")',
            'import os\nenv = dict(os.environ, PGSSLMODE="verify-full")',
        ),
    )

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            subscript = target.target
            if (
                isinstance(subscript, cst.Subscript)
                and self.context.scopes.qualified_name(subscript.value) == OS_ENVIRON
                and len(subscript.slice) == 1
                and isinstance(subscript.slice[0].slice, cst.Index)
            ):
                self._check(literal_value(subscript.slice[0].slice.value), node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        name = self.context.scopes.qualified_name(func) or ""
        method = func.attr.value if isinstance(func, cst.Attribute) else ""
        positional = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        if name in (f"{OS_ENVIRON}.setdefault", OS_PUTENV) or method == "setenv":
            if len(positional) >= 2:
                self._check(literal_value(positional[0]), positional[1])
        elif name == f"{OS_ENVIRON}.update":
            for arg in node.args:
                if arg.keyword is not None:
                    self._check(arg.keyword.value, arg.value)
        elif isinstance(func, cst.Name) and func.value == "dict" and self.setting(node):
            for arg in node.args:  # an environment built as dict(os.environ, PGSSLMODE=...)
                if arg.keyword is not None:
                    self._check(arg.keyword.value, arg.value, process=False)

    def visit_Dict(self, node: cst.Dict) -> None:
        if not self.setting(node):  # compared, or data in a test
            return
        use = self.context.uses.of(node)
        process = (
            use is not None
            and isinstance(use.owner, cst.Call)
            and self.context.scopes.qualified_name(use.owner.func) == f"{OS_ENVIRON}.update"
        )
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                self._check(literal_value(element.key), element.value, process=process)

    def _check(self, variable: object, node: cst.BaseExpression, *, process: bool = True) -> None:
        """Judge a value given to ``variable``; ``process``: in this process's own environment."""
        if variable not in _TLS_VARIABLES:
            return
        candidates = self.context.values.candidates(node)
        if len(candidates) == 1:  # a name bound once, the fallback of os.getenv("DB_SSLMODE", "require")
            node = candidates[0].node
        value = literal_value(node)
        if not isinstance(value, str):
            return
        if evaluate_tls({}, {str(variable): value}).verify_full:
            self.context.strong_pgsslmode = self.context.strong_pgsslmode or process
        elif variable == "PGSSLMODE":
            judgment = weak_pgsslmode(value)
            if judgment is not None:
                self.report(node, judgment.message, replace_text(node, "verify-full"))
