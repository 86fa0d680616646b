"""Every module in flake8_neon/rules/ is one registered rule, documented well enough to be its own help."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import flake8_neon.rules
from flake8_neon.rules import RULES
from flake8_neon.rules.base import Rule

_SUPPORT_MODULES = {"base"}


def test_every_rule_module_is_registered() -> None:
    modules = {info.name for info in pkgutil.iter_modules(flake8_neon.rules.__path__)} - _SUPPORT_MODULES
    registered = {rule.__module__.rsplit(".", 1)[-1] for rule in RULES}
    assert modules == registered
    for name in modules:
        module = importlib.import_module(f"flake8_neon.rules.{name}")
        defined = [
            value
            for value in vars(module).values()
            if inspect.isclass(value) and issubclass(value, Rule) and value.__module__ == module.__name__
        ]
        assert len(defined) == 1 and defined[0] in RULES, f"{name} must define exactly one registered rule"


def test_rules_are_in_code_order_and_explain_the_fix() -> None:
    assert [rule.CODE for rule in RULES] == sorted(rule.CODE for rule in RULES)
    for rule in RULES:
        doc = inspect.getdoc(rule) or ""
        assert len(doc.split()) > 60, f"{rule.CODE}: the docstring is its --explain text; explain risk and fix"
        assert "fix" in doc.lower(), rule.CODE
