"""The model parses exactly what libpq parses: a differential property test.

libpq's own parser is reached through ``psycopg.conninfo.conninfo_to_dict``
(psycopg-binary bundles libpq 18).  For every generated string both sides give
the same keywords and values, or both reject it.

Run as a script for a longer search; it prints the number of disagreements::

    .venv/bin/python tests/conninfo/test_libpq_agreement.py 200000
"""

from __future__ import annotations

import string
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

psycopg_conninfo = pytest.importorskip("psycopg.conninfo")

from flake8_neon.conninfo import KEYWORDS, ConninfoError, parse  # noqa: E402

EXAMPLES = 20_000

_keywords = st.sampled_from(
    sorted(KEYWORDS) + ["sslmode"] * 8 + ["requiressl", "ssl", "SSLMODE", "Host", "foo", "", "sslmode ", "ssl mode"]
)
_fragments = st.sampled_from(
    ["verify-full", "require", "true", "1", "0", "system", "a b", "h", "'", "\\", "=", "&",
     "%", "%20", "%2D", "%3F", "%00", "%zz", "%e2%82%ac", "%ff", " ", "\t", "\n", "é", "€",
     "[", "]", ":", "/", "?", ",", "@", "#", "5432", "::1", "\\'", "''"]
)  # fmt: skip
_value = st.lists(st.one_of(_fragments, st.text(alphabet=string.printable + "é€ß", max_size=4)), max_size=5).map(
    "".join
)
_query_keywords = st.one_of(
    st.sampled_from(["sslmode", "ssl", "requiressl", "host", "port", "dbname", "password"]), _keywords
)
_space = st.sampled_from(["", " ", "  ", "\t", "\n", " \r\n"])


@st.composite
def keyword_value_strings(draw: st.DrawFn) -> str:
    """``key = value`` strings with bare, escaped and quoted values, duplicates and junk."""
    parts = [draw(_space)]
    for _ in range(draw(st.integers(0, 5))):
        value = draw(_value)
        style = draw(st.sampled_from(["raw", "escaped", "quoted"]))
        if style == "escaped":
            value = "".join("\\" + c if c in " \t\n'\\" else c for c in value)
        elif style == "quoted":
            value = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        parts += [draw(_keywords), draw(_space), "=", draw(_space), value, draw(_space), " "]
    return "".join(parts)


_host = st.one_of(
    st.sampled_from(["", "h", "db.example.com", "127.0.0.1", "localhost", "%2Ftmp", "h%2Cx",
                     "[::1]", "[fe80::1%25lo]", "[]", "[::1", "h ", " h", "a b", "ep-x.neon.tech"]),
    _value.map(lambda v: v.replace("/", "").replace("?", "")),
)  # fmt: skip
_port = st.one_of(st.just(""), st.sampled_from([":", ":5432", ":abc", ": 1"]))


@st.composite
def uri_strings(draw: st.DrawFn) -> str:
    """URIs with odd credentials, host lists, ports, paths and query parameters."""
    uri = draw(st.sampled_from(["postgresql://", "postgres://"]))
    if draw(st.booleans()):
        uri += draw(_value).replace("@", "").replace("/", "")
        if draw(st.booleans()):
            uri += ":" + draw(_value).replace("@", "").replace("/", "")
        uri += "@"
    uri += ",".join(draw(_host) + draw(_port) for _ in range(draw(st.integers(1, 3))))
    if draw(st.booleans()):
        uri += "/" + draw(_value).replace("?", "")
    if draw(st.booleans()):
        pairs = [f"{draw(_query_keywords)}={draw(_value).replace('&', '')}" for _ in range(draw(st.integers(0, 4)))]
        uri += "?" + "&".join(pairs) + draw(st.sampled_from(["", "&", "&x"]))
    return uri


connection_strings = st.one_of(
    keyword_value_strings(),
    uri_strings(),
    st.text(alphabet="hostsl=mde '\\\"%&?:/@[],", max_size=30),
    st.text(max_size=30).map(lambda text: "postgresql://" + text),
)


def libpq_parse(text: str) -> dict[str, str] | None:
    """libpq's reading of ``text``, or None when libpq rejects it."""
    try:
        return psycopg_conninfo.conninfo_to_dict(text)
    except Exception:  # psycopg.ProgrammingError, or UnicodeDecodeError for non-UTF-8 bytes
        return None


def model_parse(text: str) -> dict[str, str] | None:
    """The model's reading of ``text``, or None when it rejects it."""
    try:
        return parse(text).params
    except ConninfoError:
        return None


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://h/db?sslmode=verify-full&ssl=true",  # a later ssl=true wins
        "postgresql://h/db?ssl=TRUE",  # only the exact "true" is special: rejected
        "postgresql://h/db?sslmode=verify%2Dfull",
        "postgresql://[::1]:5432/d%3Fx?host=other",
        "postgresql://h /db",  # spaces around a URI component are dropped
        "postgresql://a, b/db",  # but not inside one
        "postgresql://u:p@ss@h/db",  # the first '@' ends the credentials
        "postgresql://h,/db",
        "host=a\\",  # a trailing backslash escapes nothing
        "host='a''b'",  # a quoted value needs no space after it
        "requiressl=abc",  # anything not starting with 1 means prefer
        "SSLMODE=require",
    ],
)
def test_regressions_agree_with_libpq(text: str) -> None:
    assert model_parse(text) == libpq_parse(text)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(connection_strings)
def test_model_agrees_with_libpq(text: str) -> None:
    assert model_parse(text) == libpq_parse(text)


def count_disagreements(examples: int) -> list[str]:
    """Search ``examples`` generated strings; return those where model and libpq differ."""
    found: list[str] = []

    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(connection_strings)
    def search(text: str) -> None:
        if model_parse(text) != libpq_parse(text):
            found.append(text)

    search()
    return found


if __name__ == "__main__":
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    disagreements = count_disagreements(examples)
    for text in disagreements[:20]:
        print(f"{text!r}: model {model_parse(text)!r}, libpq {libpq_parse(text)!r}")
    print(f"{len(disagreements)} disagreements in {examples} examples")
    sys.exit(1 if disagreements else 0)
