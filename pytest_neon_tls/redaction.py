"""Mask a pytest run's secrets in every output pytest produces.

The secrets are those the plugin records (the DSN's password and other secret settings, the
embedded server's password, passwords given to factories) and those registered with
:func:`register_secret`, for example a Neon API key::

    from pytest_neon_tls.redaction import register_secret

    def pytest_configure(config):
        register_secret(config, os.environ["NEON_API_KEY"])

Each is masked as ``****`` in every spelling it takes on the way out: as is, percent-encoded
(either hex case, ``+`` for a space), backslash-escaped or quoted as in libpq key/value strings
and SQL, escaped by ``repr``/``ascii``/JSON (also ``repr`` of a ``repr``, and of its UTF-8
bytes), as XML/HTML character references, in NFC and NFD forms, split across lines by pprint,
and, where pytest shortens text (``...``, or the context lines of an assertion diff), as a
leading or trailing fragment of four or more characters.

Where: test reports (failures and errors in every ``--tb`` style, ``--showlocals``, assertion
diffs, captured stdout/stderr/log sections, ``-rA``, skip and xfail reasons, user properties),
and with them everything built from reports (terminal, junit XML, pytest-xdist's controller,
report logs); collection reports; ids that parametrize derives from values; the warnings summary;
live logging (``log_cli``) and ``--log-file``; the junit XML file as a whole, after pytest wrote
it (for ``record_xml_attribute`` and suite properties); internal errors.

Not: what a test writes straight to the terminal with capturing off (``-s``), and what a test
itself reads (``caplog.records``, ``caplog.text``, ``capsys``): those belong to the test.
Secrets shorter than :data:`MIN_SECRET_LENGTH` are not masked (they would mask ordinary words).
"""

from __future__ import annotations

import dataclasses
import linecache
import logging
import os
import re
import tempfile
import unicodedata
import warnings
from collections.abc import Collection, Generator
from typing import Any

import pytest

__all__ = ["MASK", "MIN_SECRET_LENGTH", "Redactor", "redactor", "register_secret"]

MASK = "****"
MIN_SECRET_LENGTH = 4
#: Shortest piece of a secret masked next to a cut (``...``, the edge of an assertion diff's context).
MIN_FRAGMENT = 4

_KEY = pytest.StashKey["Redactor"]()
_PLUGIN_NAME = "neon-tls-redaction"


def redactor(config: pytest.Config) -> Redactor:
    """The :class:`Redactor` of this pytest process, registered as a plugin on first use."""
    found = config.stash.get(_KEY, None)
    if found is None:
        found = config.stash[_KEY] = Redactor()
        config.pluginmanager.register(found, _PLUGIN_NAME)
    return found


def register_secret(config: pytest.Config, secret: str) -> None:
    """Mask ``secret``, in every spelling, in every output of this pytest run from now on.

    Call it as soon as the secret is known (``pytest_configure``, a session fixture); output
    written before is not rewritten, except the junit XML file. Under pytest-xdist, register it
    in every process that may print it (``pytest_configure`` runs in each).
    """
    redactor(config).add(secret)


class Redactor:
    """The secrets of one pytest process and the hooks that mask them (see the module docstring)."""

    def __init__(self) -> None:
        self._own: set[str] = set()
        self._followed: list[Collection[str]] = [self._own]
        self._patterns = _Patterns.build(frozenset())

    def __repr__(self) -> str:
        return f"<Redactor of {len(self.secrets())} secret(s)>"

    def add(self, secret: str) -> None:
        """Mask ``secret`` from now on (ignored when shorter than :data:`MIN_SECRET_LENGTH`)."""
        self._own.add(secret)

    def follow(self, secrets: Collection[str]) -> None:
        """Also mask whatever ``secrets`` holds now or later (a collection another part fills)."""
        self._followed.append(secrets)

    def secrets(self) -> frozenset[str]:
        return frozenset(s for source in self._followed for s in source if len(s) >= MIN_SECRET_LENGTH)

    def scrub(self, text: str) -> str:
        """``text`` with every spelling of every secret masked."""
        if not text:
            return text
        secrets = self.secrets()
        if secrets != self._patterns.secrets:
            self._patterns = _Patterns.build(secrets)
        return self._patterns.scrub(text)

    # -- hooks ------------------------------------------------------------------------------

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_makereport(self) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        self._scrub_report(report)
        return report

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_make_collect_report(self) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
        report = yield
        self._scrub_report(report)
        return report

    def pytest_make_parametrize_id(self, val: object) -> str | None:
        if isinstance(val, str):
            scrubbed = self.scrub(val)
            if scrubbed != val:
                return scrubbed
        return None

    @pytest.hookimpl(tryfirst=True)
    def pytest_warning_recorded(self, warning_message: warnings.WarningMessage) -> None:
        """Rewrite the warning before the terminal (or xdist) turns it into the summary's text."""
        message = warning_message.message
        text = str(message)
        scrubbed = self.scrub(text)
        if scrubbed != text:
            if isinstance(message, Warning):
                message.args = (scrubbed,)
                if str(message) != scrubbed:  # a custom __str__: keep the category, lose the class
                    message = Warning(scrubbed)
            else:
                message = scrubbed
            warning_message.message = message
        if warning_message.line is None:  # formatwarning() would show the source line as written
            line = linecache.getline(warning_message.filename, warning_message.lineno)
            if self.scrub(line) != line:
                warning_message.line = self.scrub(line)

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """Mask what live logging and ``--log-file`` write (the report sections are masked with the report)."""
        plugin = session.config.pluginmanager.get_plugin("logging-plugin")
        for name in ("log_cli_handler", "log_file_handler"):
            handler = getattr(plugin, name, None)
            if isinstance(handler, logging.Handler) and not isinstance(handler.formatter, _ScrubbingFormatter):
                handler.setFormatter(_ScrubbingFormatter(handler.formatter or logging.Formatter(), self.scrub))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Mask the junit XML file as a whole, once pytest has written it."""
        xmlpath = getattr(session.config.option, "xmlpath", None)
        if not xmlpath or hasattr(session.config, "workerinput"):
            return
        path = os.path.normpath(os.path.abspath(os.path.expanduser(os.path.expandvars(xmlpath))))
        try:
            with open(path, encoding="utf-8") as handle:
                written = handle.read()
        except OSError:
            return
        scrubbed = self.scrub(written)
        if scrubbed != written:
            _replace_file(path, scrubbed)

    @pytest.hookimpl(tryfirst=True)
    def pytest_internalerror(self, excrepr: Any) -> None:
        _scrub_object(excrepr, self.scrub)

    def _scrub_report(self, report: pytest.TestReport | pytest.CollectReport) -> None:
        if not self.secrets():
            return
        report.longrepr = _scrub_object(report.longrepr, self.scrub)
        report.sections = [(title, self.scrub(content)) for title, content in report.sections]
        reason = getattr(report, "wasxfail", None)
        if isinstance(reason, str):
            report.wasxfail = self.scrub(reason)  # type: ignore[union-attr]
        if isinstance(report, pytest.TestReport):
            report.user_properties = [(name, _scrub_value(value, self.scrub)) for name, value in report.user_properties]


@dataclasses.dataclass(frozen=True)
class _Patterns:
    """The regular expressions that find every spelling of a set of secrets, and cheap guards.

    A whole secret, however spelled, holds its longest run of ASCII letters and digits as is
    (no encoder escapes those), so text without any such ``anchor`` needs no regex search.
    """

    secrets: frozenset[str]
    anchors: tuple[str, ...]
    """A text holding none of these holds no whole secret (empty: no such guard)."""
    whole: re.Pattern[str] | None
    tail: re.Pattern[str] | None
    """A secret's tail, matched where text resumes after a cut (``...``, a diff line's marker)."""
    head: re.Pattern[str] | None
    """A secret's head, searched right before a cut (``...``, the end of a diff line)."""
    longest: int

    @classmethod
    def build(cls, secrets: frozenset[str]) -> _Patterns:
        forms = {unicodedata.normalize(form, secret) for secret in secrets for form in ("NFC", "NFD")} | secrets
        ordered = sorted(forms, key=len, reverse=True)
        spelled = [[_spellings(char) for char in form] for form in ordered]
        runs = [max(_ANCHOR.findall(form), key=len, default="") for form in ordered]
        heads = [_head(chars) for chars in spelled if len(chars) > MIN_FRAGMENT]
        tails = [_tail(chars) for chars in spelled if len(chars) > MIN_FRAGMENT]
        return cls(
            secrets,
            tuple(runs) if all(runs) else (),
            re.compile("|".join("".join(chars) for chars in spelled)) if spelled else None,
            re.compile("|".join(tails)) if tails else None,
            re.compile("(?:" + "|".join(heads) + r")\Z") if heads else None,
            max(map(len, ordered), default=0),
        )

    def scrub(self, text: str) -> str:
        if self.whole is not None and (not self.anchors or any(anchor in text for anchor in self.anchors)):
            text = self.whole.sub(MASK, text)
        if self.tail is None or self.head is None:
            return text
        if "..." in text:
            text = _mask_spans(text, self._around_ellipses(text))
        if _DIFF_LINE.search(text):
            text = "\n".join(map(self._diff_line, text.split("\n")))
        return text

    def _around_ellipses(self, text: str) -> list[tuple[int, int]]:
        """Fragments of a secret right before or after each ``...``."""
        assert self.tail is not None and self.head is not None
        window = 40 * self.longest  # the longest spelling of a fragment
        spans = []
        at = text.find("...")
        while at >= 0:
            head = self.head.search(text, max(0, at - window), at)
            if head:
                spans.append(head.span())
            tail = self.tail.match(text, at + 3)
            if tail:
                spans.append(tail.span())
            at = text.find("...", at + 1)  # overlapping: the secret itself may hold dots
        return spans

    def _diff_line(self, line: str) -> str:
        """A changed line of an assertion diff with a secret's tail at its start or head at its end masked."""
        assert self.tail is not None and self.head is not None
        lead = _DIFF_LINE.match(line)
        if lead is None:
            return line
        spans = []
        tail = self.tail.match(line, lead.end())
        if tail:
            spans.append(tail.span())
        head = self.head.search(line, lead.end())
        if head:
            spans.append(head.span())
        return _mask_spans(line, spans)


# A changed line of an assertion diff, as pytest prints it in a report: "E         - ...".
_DIFF_LINE = re.compile(r"^(?:E[ \t]+)?[-+] ", re.MULTILINE)
_ANCHOR = re.compile(r"[A-Za-z0-9]+")


def _mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the (possibly overlapping) ``spans`` masked."""
    pieces: list[str] = []
    position = 0
    for start, end in sorted(spans):
        if start >= position:
            pieces += (text[position:start], MASK)
        position = max(position, end)
    pieces.append(text[position:])
    return "".join(pieces)


def _head(chars: list[str]) -> str:
    """Any prefix of the secret of at least MIN_FRAGMENT characters (short of the whole).

    A cut may fall inside the spelling of the next character (``%2`` of ``%27``): that part is
    taken too.
    """
    optional = ""
    for char in reversed(chars[MIN_FRAGMENT:-1]):
        optional = f"(?:{char}{optional})?"
    return "".join(chars[:MIN_FRAGMENT]) + optional + _PART_OF_A_SPELLING


def _tail(chars: list[str]) -> str:
    """Any suffix of the secret of at least MIN_FRAGMENT characters (short of the whole), see _head."""
    optional = ""
    for char in chars[1:-MIN_FRAGMENT]:
        optional = f"(?:{optional}{char})?"
    return _PART_OF_A_SPELLING + optional + "".join(chars[-MIN_FRAGMENT:])


# What an escape sequence is made of (%27, \x27, \u00e9, &#39;), short of a whole one.
_PART_OF_A_SPELLING = r"[%\\&#;xXuU0-9A-Fa-f]{0,9}"


_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
_ESCAPES = {"\n": "n", "\t": "t", "\r": "r", "\f": "f", "\v": "v", "\b": "b", "\a": "a", "\0": "0"}
# pprint (and pytest's pretty printer) splits a long string literal after whitespace:
# 'abc '\n 'def' (with diff markers and indentation between the two literals).
_LITERAL_BREAK = r"""(?:['"][ \t]*\n[^\n'"]{0,80}?['"])?"""


def _spellings(char: str) -> str:
    """A regex for one character of a secret, in every spelling outputs give it (module docstring)."""
    code = ord(char)
    utf8 = char.encode("utf-8", "surrogatepass")
    alternatives = [r"\\+" if char == "\\" else r"\\*" + re.escape(char)]  # as is, or escaped (repeatedly)
    alternatives.append("".join("%" + _hex(byte, 2) for byte in utf8))  # percent-encoded
    if char == " ":
        alternatives.append(r"\+")  # form encoding
    if char in "'\"":
        alternatives.append(2 * (r"\\*" + char))  # SQL's doubled quote, also escaped
    if char in _ESCAPES:
        alternatives.append(r"\\+" + _ESCAPES[char])
    if code < 0x100:
        alternatives.append(r"\\+x" + _hex(code, 2))
    if code >= 0x80:
        alternatives.append("".join(r"\\+x" + _hex(byte, 2) for byte in utf8))  # repr of the UTF-8 bytes
    if code < 0x10000:
        alternatives.append(r"\\+u" + _hex(code, 4))
    else:
        alternatives.append(r"\\+U" + _hex(code, 8))
        high, low = divmod(code - 0x10000, 0x400)
        alternatives.append(r"\\+u" + _hex(0xD800 + high, 4) + r"\\+u" + _hex(0xDC00 + low, 4))  # JSON
    alternatives.append(f"&#0*{code};")
    alternatives.append("&#[xX]0*" + _hex(code, 1) + ";")
    if char in _ENTITIES:
        alternatives.append(_ENTITIES[char] if char != "'" else "&(?:apos|#39);")
    if code < 0x20:
        alternatives.append("#x" + _hex(code, 2))  # junit XML's escape of characters XML forbids
    spelled = "(?:" + "|".join(alternatives) + ")"
    return spelled + _LITERAL_BREAK if char.isspace() else spelled


def _hex(value: int, width: int) -> str:
    """``value`` as hexadecimal digits of either case, e.g. ``4[aA]``."""
    digits = f"{value:0{width}x}"
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in digits)


def _scrub_object(value: Any, scrub: Any, depth: int = 0) -> Any:
    """``value`` with every string in it scrubbed: strings, containers and pytest's terminal reprs.

    A list of strings is scrubbed as one text, so that a secret split across lines is found.
    """
    if depth > 20:
        return value
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            value[:] = scrub("\n".join(value)).split("\n")
        else:
            value[:] = [_scrub_object(item, scrub, depth + 1) for item in value]
        return value
    if isinstance(value, tuple):
        items = [_scrub_object(item, scrub, depth + 1) for item in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, dict):
        for key in value:
            value[key] = _scrub_object(value[key], scrub, depth + 1)
        return value
    if dataclasses.is_dataclass(value) and hasattr(value, "toterminal"):  # pytest's TerminalRepr family
        for field in dataclasses.fields(value):
            object.__setattr__(value, field.name, _scrub_object(getattr(value, field.name), scrub, depth + 1))
    return value


def _scrub_value(value: object, scrub: Any) -> object:
    """A recorded property: kept as is unless its text holds a secret."""
    text = value if isinstance(value, str) else str(value)
    scrubbed = scrub(text)
    return value if scrubbed == text else scrubbed


class _ScrubbingFormatter(logging.Formatter):
    """Formats with the handler's own formatter, then masks the secrets.

    It has no settings of its own: every other attribute (``_fmt``, ``datefmt``, ...) is the
    inner formatter's, for code that inspects a handler's formatter.
    """

    def __init__(self, inner: logging.Formatter, scrub: Any) -> None:  # no super().__init__(): see above
        self._inner = inner
        self._scrub = scrub

    def format(self, record: logging.LogRecord) -> str:
        return self._scrub(self._inner.format(record))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _replace_file(path: str, text: str) -> None:
    directory = os.path.dirname(path)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".neon-tls-", suffix=".xml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
