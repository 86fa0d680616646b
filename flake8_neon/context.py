"""Per-file state: the settings, the facts about the module, the call model, and the reports so far."""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from flake8_neon.calls import CallModel
from flake8_neon.facts.roles import RoleCollector, Uses
from flake8_neon.facts.scopes import ScopeCollector, Scopes
from flake8_neon.facts.values import ValueCollector, Values
from flake8_neon.findings import Report
from flake8_neon.settings import Settings
from flake8_neon.tls_values import TlsValues
from flake8_neon.walk import Visitor, walk


class FileContext:
    """What the rules share while one module is checked.

    The facts are gathered in one walk before any rule runs, so a rule sees names bound
    after the place it looks at, and helper functions defined below their callers; ``also``
    are visitors that ride along that walk.
    """

    def __init__(self, module: cst.Module, settings: Settings, also: Sequence[Visitor] = ()) -> None:
        self.settings = settings
        self.reports: list[Report] = []
        self.strong_pgsslmode = False
        self.scopes = Scopes(module)
        self.uses = Uses()
        self.values = Values(self.scopes)
        facts = [ScopeCollector(self.scopes), RoleCollector(self.uses), ValueCollector(self.values)]
        walk(module, [*facts, *also])
        self.calls = CallModel(self.scopes, self.uses, self.values)
        self.tls = TlsValues(self.values)
