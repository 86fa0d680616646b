"""What the rules know about a module before they look at it, gathered in one walk.

- :mod:`~flake8_neon.facts.scopes`: imports, scopes, and what each name refers to;
- :mod:`~flake8_neon.facts.roles`: where each expression's value goes (an argument, an
  assignment, a comparison...), and which strings are not settings at all;
- :mod:`~flake8_neon.facts.values`: what names hold (strings, dicts, SSL contexts), through
  assignments, conditionals and helper functions of the same module.
"""
