"""Messages are one short sentence that matches what the driver does; the docstring holds the rest."""

from __future__ import annotations

import pytest

from flake8_neon.engine import lint_source
from flake8_neon.rules import RULES
from flake8_neon.settings import Settings

FINDINGS = [
    finding
    for rule in RULES
    for example in rule.INVALID
    for finding in lint_source(example.code, Settings())
    if finding.code == rule.CODE
]


@pytest.mark.parametrize("finding", FINDINGS, ids=lambda finding: f"{finding.code}-{finding.line}-{finding.column}")
def test_messages_are_short_and_say_what_to_do(finding) -> None:
    assert len(finding.message) <= 130, finding.message
    assert any(word in finding.message for word in ("use ", "add ", "pass ", "set ", "drop ")), finding.message


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ('import asyncpg\nc = asyncpg.connect(host="db.example.com", ssl="disable")', "sends everything in plaintext"),
        ('import asyncpg\nc = asyncpg.connect(host="db.example.com", ssl=False)', "sends everything in plaintext"),
        ('import asyncpg\nc = asyncpg.connect(host="db.example.com", ssl="prefer")', "falls back to plaintext"),
        ('import asyncpg\nc = asyncpg.connect(host="db.example.com", ssl="require")', "encrypts but never verifies"),
        ('import pg8000\nc = pg8000.connect("u", host="db.example.com", ssl_context=True)', "never verifies"),
        ('DSN = "host=db.example.com sslmode=verify-ca"', "does not check the server's host name"),
        ('DSN = "hostaddr=203.0.113.7 sslmode=require"', "host="),
    ],
)
def test_messages_match_what_the_driver_does(source: str, words: str) -> None:
    (finding,) = lint_source(source, Settings())
    assert words in finding.message
