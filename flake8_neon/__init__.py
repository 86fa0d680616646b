"""Lint rules that flag PostgreSQL connections weaker than ``sslmode=verify-full``.

Importing this package is cheap on purpose: the shared connection-string model
(:mod:`flake8_neon.conninfo`) is used by the pytest plugin too, and pre-commit
starts the linter once per batch of files.
"""

__version__ = "0.1.0"
