"""The "no sslmode at all" codes are declared once, and mean the same in Python and in configuration files."""

from __future__ import annotations

import pytest

from flake8_neon import formats
from flake8_neon.engine import lint_source
from flake8_neon.rules import RULES
from flake8_neon.settings import MISSING_SSLMODE_CODES, Settings

PYTHON = """\
import os

import pg8000
import psycopg

os.environ["PGSSLMODE"] = "{mode}"
DSN = "host=db.example.com dbname=app"
conn = psycopg.connect(host="db.example.com", dbname="app")
legacy = pg8000.connect("app", host="db.example.com")
weak = psycopg.connect("host=db.example.com dbname=app sslmode=require")
"""
DOTENV = """\
PGSSLMODE={mode}
DATABASE_URL=postgresql://db.example.com/app
LEGACY_URL=postgresql+pg8000://db.example.com/app
WEAK_URL=postgresql://db.example.com/app?sslmode=require
"""


def test_the_rules_that_report_a_missing_sslmode_are_the_declared_codes() -> None:
    assert {rule.CODE for rule in RULES if rule.MISSING_SSLMODE} == MISSING_SSLMODE_CODES


def _python_codes(mode: str, settings: Settings) -> set[str]:
    return {finding.code for finding in lint_source(PYTHON.format(mode=mode), settings)}


def _dotenv_codes(mode: str, settings: Settings) -> set[str]:
    return {finding.code for finding in formats.check("dotenv", DOTENV.format(mode=mode), settings)}


@pytest.mark.parametrize("codes", [_python_codes, _dotenv_codes], ids=["python", "dotenv"])
def test_missing_sslmode_codes_are_switched_and_silenced_together(codes) -> None:
    everything = codes("require", Settings())
    assert everything & MISSING_SSLMODE_CODES and "NEO101" in everything
    assert codes("require", Settings(check_missing_sslmode=False)) == everything - MISSING_SSLMODE_CODES
    assert codes("verify-full", Settings()) == everything - MISSING_SSLMODE_CODES - {"NEO108"}
