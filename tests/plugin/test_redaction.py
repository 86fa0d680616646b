"""The scrubber: every spelling of a secret is masked, and nothing else changes."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from urllib.parse import quote, quote_plus

from hypothesis import given, settings
from hypothesis import strategies as st

from pytest_neon_tls.redaction import MASK, Redactor


def _spellings(secret: str) -> dict[str, str]:
    """How outputs write ``secret``: encoders, escapers and printers a test run meets."""
    encoded = quote(secret, safe="")
    return {
        "as is": secret,
        "percent-encoded": encoded,
        "percent-encoded, lower-case hex": re.sub("%[0-9A-F]{2}", lambda hit: hit[0].lower(), encoded),
        "percent-encoded, '/' kept": quote(secret),
        "form-encoded": quote_plus(secret),
        "repr": repr(secret),
        "ascii": ascii(secret),
        "repr of repr": repr(repr(secret)),
        "JSON": json.dumps(secret),
        "JSON, unicode kept": json.dumps(secret, ensure_ascii=False),
        "repr of UTF-8 bytes": repr(secret.encode()),
        "HTML": html.escape(secret),
        "libpq key/value": secret.replace("\\", "\\\\").replace("'", "\\'"),
        "SQL literal": secret.replace("'", "''"),
        "NFD": unicodedata.normalize("NFD", secret),
    }


_secret = st.text(st.characters(blacklist_categories=("Cs",)), min_size=4, max_size=40).map(lambda s: "zQ" + s + "7k")
_around = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="zQ7k"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(_secret, _around, _around)
def test_every_spelling_is_masked(secret: str, before: str, after: str) -> None:
    redactor = Redactor()
    redactor.add(secret)
    for name, spelled in _spellings(secret).items():
        scrubbed = redactor.scrub(before + spelled + after)
        assert spelled not in scrubbed, name
        assert MASK in scrubbed, name


@settings(max_examples=200, deadline=None)
@given(_secret, st.integers(4, 40))
def test_a_piece_next_to_an_ellipsis_is_masked(secret: str, length: int) -> None:
    redactor = Redactor()
    redactor.add(secret)
    head, tail = secret[: min(length, len(secret) - 1)], secret[-min(length, len(secret) - 1) :]
    assert redactor.scrub(f"x = '{head}...'") == f"x = '{MASK}...'"
    assert redactor.scrub(f"x = '...{tail}'") == f"x = '...{MASK}'"


def test_the_context_lines_of_a_shortened_diff_are_masked() -> None:
    redactor = Redactor()
    redactor.add("Sup3r-Secret-Pw-4711")
    report = "\n".join(
        [
            "E         Skipping 290 identical leading characters in diff, use -v to show",
            "E         - ret-Pw-4711@host-two/yyy",
            "E         + ret-Pw-4711@host-one/yyy",
            "E         - xxxxSup3r-Se",
        ]
    )
    assert redactor.scrub(report).splitlines()[1:] == [
        f"E         - {MASK}@host-two/yyy",
        f"E         + {MASK}@host-one/yyy",
        f"E         - xxxx{MASK}",
    ]


def test_a_string_split_by_pprint_is_masked() -> None:
    redactor = Redactor()
    redactor.add("correct horse battery staple")
    printed = "E         +     'dsn': 'host=db password=\\'correct horse '\nE         +     'battery staple\\'',"
    assert redactor.scrub(printed) == f"E         +     'dsn': 'host=db password=\\'{MASK}\\'',"


def test_text_without_a_secret_is_unchanged() -> None:
    redactor = Redactor()
    redactor.add("Sup3r-Secret-Pw-4711")
    text = "collected 3 items ... test_x.py::test_a PASSED\nE   - expected\nE   + actual\n" * 50
    assert redactor.scrub(text) == text


def test_short_secrets_are_not_masked_and_followed_ones_are() -> None:
    redactor = Redactor()
    redactor.add("abc")
    recorded: set[str] = set()
    redactor.follow(recorded)
    assert redactor.scrub("abc hunter22") == "abc hunter22"
    recorded.add("hunter22")  # recorded later, by the part that owns the set
    assert redactor.scrub("abc hunter22") == f"abc {MASK}"
