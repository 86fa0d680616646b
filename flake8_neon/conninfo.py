"""One model of a libpq connection string: parse, evaluate TLS, rewrite, redact.

Both packages use this module; nothing else in the project parses connection
strings.  The parser follows libpq's own (``conninfo_parse`` and
``conninfo_uri_parse_options`` in ``fe-connect.c``, PostgreSQL 18) and is
checked against it by a property test through ``psycopg.conninfo``.  It uses
the standard library only.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple
from urllib.parse import quote, unquote

__all__ = [
    "KEYWORDS",
    "LIBPQ_DRIVERS",
    "SSLMODES",
    "Conninfo",
    "ConninfoError",
    "TlsVerdict",
    "SECRET_KEYWORDS",
    "evaluate_tls",
    "is_local_host",
    "is_neon_host",
    "looks_like_conninfo",
    "parse",
    "redact",
]

#: Connection keywords libpq 18 accepts (``PQconndefaults``), in its order.
KEYWORDS: frozenset[str] = frozenset(
    """service user password passfile channel_binding connect_timeout dbname host
    hostaddr port client_encoding options application_name fallback_application_name
    keepalives keepalives_idle keepalives_interval keepalives_count tcp_user_timeout
    sslmode sslnegotiation sslcompression sslcert sslkey sslcertmode sslpassword
    sslrootcert sslcrl sslcrldir sslsni requirepeer require_auth min_protocol_version
    max_protocol_version ssl_min_protocol_version ssl_max_protocol_version gssencmode
    krbsrvname gsslib gssdelegation replication target_session_attrs
    load_balance_hosts scram_client_key scram_server_key oauth_issuer oauth_client_id
    oauth_client_secret oauth_scope sslkeylogfile""".split()
)

#: libpq's sslmode values, weakest first.
SSLMODES: tuple[str, ...] = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")

#: Drivers behind ``postgresql+<driver>://`` that hand the URL to libpq.
LIBPQ_DRIVERS: frozenset[str] = frozenset({"psycopg", "psycopg2", "psycopg2cffi", "psycopg_async"})

#: libpq keywords whose values are secrets: masked by :func:`redact`, never shown in errors.
SECRET_KEYWORDS: frozenset[str] = frozenset(
    {"password", "sslpassword", "oauth_client_secret", "scram_client_key", "scram_server_key"}
)
#: Setting names a human or another driver reads as a secret, in any letter case (``PASSWORD``,
#: ``Password``, ``passwd``, ``pwd``, ``db_password``, ``api_key``, ``token``, ...).
_SECRET_NAME = re.compile(r"[\w.-]*(?:passw(?:or)?d|passwort|pwd|secret|token|api[_-]?key)[\w.-]*|pass", re.IGNORECASE)
_MASK = "****"
_URI_PREFIX = re.compile(r"postgres(?:ql)?(?:\+(?P<driver>[A-Za-z0-9_]+))?://")
_KEYWORD_HINT = re.compile(r"(?<![\w.-])(?:%s)\s*=" % "|".join(sorted(KEYWORDS | {"requiressl"})))
_C_SPACE = " \t\n\r\v\f"  # C isspace() in the "C" locale, as libpq uses it


class ConninfoError(ValueError):
    """A connection string libpq would reject.  The message never holds a password."""


class TlsVerdict(NamedTuple):
    """What libpq's TLS settings amount to for one connection string."""

    sslmode: str
    """The sslmode libpq ends up with."""
    source: str
    """Where it came from: ``conninfo``, ``PGSSLMODE``, ``sslrootcert=system`` or ``default``."""
    verify_full: bool
    """True when libpq checks the chain and that the certificate names the host."""
    verifies_chain: bool
    verifies_host: bool
    reason: str
    """One line in libpq's true terms, suitable for a lint message or a warning."""
    rejected: str | None
    """Why libpq refuses to connect with this combination at all, else None."""


@dataclass(frozen=True)
class _Entry:
    """One ``keyword=value`` as written: its keyword as libpq stores it and where it stands."""

    keyword: str
    value: str
    start: int
    end: int
    rewritable: bool
    """A query parameter or key/value pair, as opposed to a part of a URI's netloc."""
    spelled: str = ""
    """How an sslmode was written when that was ``ssl=true`` or ``requiressl=...``."""

    def __repr__(self) -> str:
        value = _MASK if _is_secret_name(self.keyword) else self.value
        return f"_Entry({self.keyword}={value!r})"


@dataclass(frozen=True, repr=False)
class Conninfo:
    """A parsed connection string that remembers how it was written."""

    text: str
    form: Literal["uri", "keyword"]
    driver: str | None
    """The SQLAlchemy driver of ``postgresql+<driver>://``; None for a libpq string."""
    entries: tuple[_Entry, ...] = field(compare=False)
    query_start: int | None = field(compare=False, default=None)

    @property
    def params(self) -> dict[str, str]:
        """The keywords and values libpq holds after parsing; the last duplicate wins."""
        return {entry.keyword: entry.value for entry in self.entries}

    @property
    def hosts(self) -> tuple[str, ...]:
        """Every host libpq may dial (``host``, else ``hostaddr``); ``""`` is the default socket."""
        params = self.params
        return tuple((params.get("host") or params.get("hostaddr") or "").split(","))

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values it holds (passwords), to mask them wherever else they appear."""
        return tuple(entry.value for entry in self.entries if _is_secret_name(entry.keyword) and entry.value)

    @property
    def is_local(self) -> bool:
        """True when every host is this machine: loopback, a socket path, or the default."""
        params = self.params
        addresses = (params.get("hostaddr") or "").split(",")
        return all(map(is_local_host, self.hosts)) and all(map(is_local_host, addresses))

    def tls(self, environ: Mapping[str, str] | None = None) -> TlsVerdict:
        """Evaluate TLS like libpq, with ``PGSSLMODE``/``PGSSLROOTCERT`` from ``environ``."""
        spelled = [entry.spelled for entry in self.entries if entry.keyword == "sslmode"]
        return evaluate_tls(self.params, environ, spelled=spelled[-1] if spelled else "")

    def with_verify_full(self, sslrootcert: str | None = None) -> str:
        """Return the same string, in the same form, demanding ``sslmode=verify-full``."""
        values = {"sslmode": "verify-full"}
        if sslrootcert is not None:
            values["sslrootcert"] = sslrootcert
        return self.with_params(**values)

    def with_params(self, **values: str) -> str:
        """Return the same string with these keywords set and everything else kept as written.

        Every setting of a keyword is rewritten (for ``sslmode`` that includes
        ``requiressl`` and a URI's ``ssl=true``); a missing one is appended.
        """
        unknown = sorted(set(values) - KEYWORDS)
        if unknown:
            raise ConninfoError(f"not libpq connection keywords: {', '.join(unknown)}")
        nul = self.text.find("\0")  # libpq ignores what follows a NUL: keep it, append before it
        seen, ignored = (self.text, "") if nul < 0 else (self.text[:nul], self.text[nul:])
        edits = sorted(
            (entry.start, entry.end, self._format(entry.keyword, values[entry.keyword]))
            for entry in self.entries
            if entry.keyword in values and entry.rewritable
        )
        text = _splice(seen, edits)
        written = {entry.keyword for entry in self.entries if entry.rewritable}
        appended = [self._format(key, value) for key, value in values.items() if key not in written]
        if appended:
            text = self._append(text, appended)
        text += ignored
        rewritten = parse(text)
        if rewritten.params != {**self.params, **values}:
            raise ConninfoError(
                f"cannot rewrite this connection string safely; set {', '.join(values)} by hand: {self.redacted()}"
            )
        return text

    def redacted(self) -> str:
        """The string as written, with every password masked."""
        return redact(self.text)

    def __repr__(self) -> str:
        return f"Conninfo({self.redacted()!r})"

    def _format(self, keyword: str, value: str) -> str:
        if self.form == "uri":
            return f"{keyword}={quote(value, safe='/:,@')}"
        if value and not any(char in value for char in _C_SPACE + "'\\"):
            return f"{keyword}={value}"
        escaped = value.replace("\\", "\\\\").replace("'", "\\'")
        return f"{keyword}='{escaped}'"

    def _append(self, text: str, settings: list[str]) -> str:
        if self.form == "uri":
            if self.query_start is None:
                return text + "?" + "&".join(settings)
            separator = "" if text.endswith(("?", "&")) else "&"
            return text + separator + "&".join(settings)
        separator = "" if not text or text[-1] in _C_SPACE else " "
        return text + separator + " ".join(settings)


def parse(text: str) -> Conninfo:
    """Parse a URI (also SQLAlchemy's ``postgresql+driver://``) or key/value string as libpq does."""
    try:
        return _parse(text)
    except _Unparsable as failure:
        raise ConninfoError(failure.render(text)) from None


def _is_secret_name(name: str) -> bool:
    """True for a setting whose value :func:`redact` masks: libpq's secrets and any name read as one."""
    return name in SECRET_KEYWORDS or _SECRET_NAME.fullmatch(name) is not None


def looks_like_conninfo(text: str) -> bool:
    """A cheap test: could ``text`` be a connection string?  ``parse`` decides."""
    return bool(_URI_PREFIX.match(text) or _KEYWORD_HINT.search(text))


def is_local_host(host: str) -> bool:
    """True for this machine: empty (default socket), socket paths, localhost, loopback IPs."""
    host = host.strip()
    if not host or host.startswith(("/", "@")) or host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def is_neon_host(host: str) -> bool:
    """True for Neon endpoints: ``*.neon.tech``, including ``-pooler`` hosts."""
    return host.strip().lower().rstrip(".").endswith(".neon.tech")


_MODE_MEANS = {
    "disable": "never uses TLS: the password and all data cross the network in plaintext",
    "allow": "tries plaintext first and uses TLS only if the server insists; it never verifies the server",
    "prefer": "uses TLS only if the server offers it, silently falls back to plaintext, and never verifies the server",
    "require": "encrypts but verifies nothing (only the chain, as verify-ca, when a root "
    "certificate file exists) and never checks the host name, so anyone on the path can "
    "impersonate the server",
    "verify-ca": "checks the certificate chain but not the host name, so a certificate from a "
    "trusted CA issued for any other host is accepted",
    "verify-full": "checks the certificate chain and that the certificate names the host",
}


def evaluate_tls(
    params: Mapping[str, str],
    environ: Mapping[str, str] | None = None,
    *,
    spelled: str = "",
) -> TlsVerdict:
    """Evaluate libpq keywords (as a dict) the way libpq 16+ does.

    ``environ`` supplies ``PGSSLMODE``, ``PGSSLROOTCERT`` and ``PGSSLNEGOTIATION``
    for keywords the parameters do not set; pass ``os.environ`` to judge a real
    process, or nothing to judge the parameters alone.  ``spelled`` is how the
    sslmode was written when that was not ``sslmode=...`` (``ssl=true``).
    """
    environ = environ or {}
    sslrootcert = params.get("sslrootcert", environ.get("PGSSLROOTCERT"))
    if "sslmode" in params:
        mode, source = params["sslmode"], "conninfo"
        setting = f"{spelled} means sslmode={mode}, which" if spelled else f"sslmode={mode}"
    elif "PGSSLMODE" in environ:
        mode, source = environ["PGSSLMODE"], "PGSSLMODE"
        setting = f"PGSSLMODE={mode}"
    elif sslrootcert == "system":
        mode, source = "verify-full", "sslrootcert=system"
        setting = "sslrootcert=system makes verify-full the default, which"
    else:
        mode, source = "prefer", "default"
        setting = "no sslmode is set, so libpq uses its default prefer, which"
    if mode not in SSLMODES:
        invalid = f'invalid sslmode value "{mode}" (use "verify-full")'
        return TlsVerdict(mode, source, False, False, False, f"libpq refuses to connect: {invalid}", invalid)
    rejected = None
    if sslrootcert == "system" and mode != "verify-full":
        rejected = f'weak sslmode "{mode}" may not be used with sslrootcert=system (use "verify-full")'
    negotiation = params.get("sslnegotiation", environ.get("PGSSLNEGOTIATION"))
    if negotiation == "direct" and mode in ("disable", "allow", "prefer"):
        rejected = f'weak sslmode "{mode}" may not be used with sslnegotiation=direct (use "verify-full")'
    if rejected:
        return TlsVerdict(mode, source, False, False, False, f"libpq refuses to connect: {rejected}", rejected)
    verifies_host = mode == "verify-full"
    verifies_chain = mode in ("verify-ca", "verify-full") or (mode == "require" and sslrootcert is not None)
    reason = f"{setting} {_MODE_MEANS[mode]}"
    return TlsVerdict(mode, source, verifies_host, verifies_chain, verifies_host, reason, None)


def redact(text: str) -> str:
    """Render any connection string, parsable or not, with its secrets masked.

    Generous by design, because a mask costs little and a leak cannot be undone:

    * what libpq reads as a secret (``password``, ``sslpassword``, ...), exactly;
    * any setting whose name a human or another driver reads as one, in any letter case
      (``PASSWORD=``, ``?Password=``, ``passwd=``, ``pwd=``, ``api_key=``), also percent-encoded;
    * the password in the user-info of any URL (``scheme://user:secret@host``), also of URLs
      inside a longer message, and with a raw ``@`` or ``/`` in the password;
    * a password written without ``=`` after its name (``password hunter2``);
    * everything after a NUL character (libpq never sees it, so it is no setting).

    In a string libpq cannot parse, a secret's end is unknown: everything after its start is masked.
    """
    return _mask(text, _secret_spans(text))


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each of the sorted, disjoint ``spans`` replaced by the mask."""
    return _splice(text, [(start, end, _MASK) for start, end in spans])


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with sorted, disjoint ``(start, end, replacement)`` edits applied, in one pass."""
    pieces: list[str] = []
    position = 0
    for start, end, replacement in edits:
        pieces += (text[position:start], replacement)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _secret_spans(text: str) -> list[tuple[int, int]]:
    """Where secrets stand in ``text``: exact for parsable strings, generous otherwise (see redact)."""
    nul = text.find("\0")
    seen = text if nul < 0 else text[:nul]
    spans = [] if nul < 0 else [(nul + 1, len(text))]
    try:
        entries: tuple[_Entry, ...] = _parse(seen).entries
    except _Unparsable as failure:
        entries = ()
        spans += _guessed_spans(seen, failure)
    for entry in entries:
        if _is_secret_name(entry.keyword):
            start = seen.index("=", entry.start) + 1 if entry.rewritable else entry.start
            spans.append((start, entry.end))
    spans += _userinfo_spans(seen, parsed=bool(entries))
    return _merge(spans)


# A setting ``name=`` (or ``name =``) at the start, after a space or after a URI's ``?``/``&``.
_SETTING = re.compile(r"(?:^|(?<=[\s?&;,]))([^\s=?&;,]+)\s*=\s*")
_ANY_SCHEME = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*://")
_WHITESPACE = re.compile(r"\s")


def _guessed_spans(text: str, failure: _Unparsable) -> list[tuple[int, int]]:
    """In a string libpq rejects: from the first secret-looking setting on, everything."""
    for hit in _SETTING.finditer(text):
        if _is_secret_name(_lenient_unquote(hit[1])):
            return [(hit.end(), len(text))]
    if failure.kind == "stray" and failure.name and _is_secret_name(text[slice(*failure.name)]):
        value = len(text) - len(text[failure.name[1] :].lstrip(_C_SPACE))
        return [(value, len(text))]  # ``password hunter2``: what follows the name
    return []


def _lenient_unquote(name: str) -> str:
    try:
        return unquote(name, errors="strict")
    except UnicodeDecodeError:
        return name


def _userinfo_spans(text: str, parsed: bool) -> list[tuple[int, int]]:
    """The password of every ``scheme://user:password@`` in ``text``.

    libpq ends the credentials at the first '@' and does not look past a '/', but passwords
    holding a raw '@' or '/' are common mistakes: mask from the first ':' to the last '@'
    before the query of a parsable URI, else before the end of the text (a URL that starts
    the text) or of the URL's word (a URL inside a message).
    """
    spans = []
    for scheme in _ANY_SCHEME.finditer(text):
        start = scheme.end()
        if scheme.start() > 0:
            space = _WHITESPACE.search(text, start)
            limit = space.start() if space else len(text)
        elif parsed and "?" in text:
            limit = text.index("?")
        else:
            limit = len(text)
        at = text.rfind("@", start, limit)
        colon = text.find(":", start, at)
        if 0 <= colon < at:
            spans.append((colon + 1, at))
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif start < end:
            merged.append((start, end))
    return merged


class _Unparsable(Exception):
    """Raised inside the parser; :func:`parse` turns it into a redacted ConninfoError.

    ``name`` is where the offending word stands; ``kind`` says what it is: ``"stray"``, a word
    without ``=``, or ``"unknown"``, an unknown keyword.  Either may be a password pasted without
    its keyword, so the message shows the string only up to the word, and quotes the word only
    when it is an unknown keyword made of letters (``SSLMODE``, ``sslmod``) outside any secret.
    """

    def __init__(
        self, problem: str, name: tuple[int, int] | None = None, kind: Literal["stray", "unknown", ""] = ""
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.name = name
        self.kind = kind

    def render(self, text: str) -> str:
        """The message, quoting the offending word only where it holds no secret."""
        problem = self.problem
        spans = _secret_spans(text)
        if self.name:
            start, end = self.name
            visible = (
                self.kind == "unknown"
                and _KEYWORD_LIKE.fullmatch(text[start:end]) is not None
                and all(end <= s or start >= e for s, e in spans)
            )
            problem = problem.format(name=f' "{text[start:end]}"' if visible else "")
            spans = _merge([*spans, (start, len(text))])
        return f"{problem} in connection string {_mask(text, spans)!r}"


_KEYWORD_LIKE = re.compile(r"[A-Za-z_]+")


def _parse(text: str) -> Conninfo:
    # libpq reads a C string: whatever follows a NUL character is never seen.
    seen = text.split("\0", 1)[0]
    match = _URI_PREFIX.match(seen)
    if match:
        conninfo = _parse_uri(seen, match.end(), match["driver"])
    else:
        conninfo = Conninfo(seen, "keyword", None, tuple(_parse_keyword_value(seen)))
    for keyword, value in conninfo.params.items():
        if not value.isprintable() and _is_not_utf8(value):
            raise _Unparsable(f"percent-encoded bytes that are not UTF-8 in the {keyword}")
    return replace(conninfo, text=text)


def _is_not_utf8(value: str) -> bool:
    try:
        value.encode()
    except UnicodeEncodeError:
        return True
    return False


def _store(entries: list[_Entry], entry: _Entry) -> None:
    """Add an entry, folding the deprecated ``requiressl`` into ``sslmode`` as libpq does."""
    if entry.keyword == "requiressl":
        mode = "require" if entry.value.startswith("1") else "prefer"
        entry = _Entry("sslmode", mode, entry.start, entry.end, entry.rewritable, entry.spelled)
    entries.append(entry)


def _parse_keyword_value(text: str) -> list[_Entry]:
    """libpq's ``conninfo_parse``: ``key = value`` pairs, quotes and backslash escapes."""
    entries: list[_Entry] = []
    size = len(text)
    pos = 0
    while True:
        while pos < size and text[pos] in _C_SPACE:
            pos += 1
        if pos >= size:
            return entries
        start = pos
        while pos < size and text[pos] != "=" and text[pos] not in _C_SPACE:
            pos += 1
        keyword_end = pos
        while pos < size and text[pos] in _C_SPACE:
            pos += 1
        if pos >= size or text[pos] != "=":
            raise _Unparsable(
                f'missing "=" after the word{{name}} at character {start + 1}', (start, keyword_end), "stray"
            )
        pos += 1
        while pos < size and text[pos] in _C_SPACE:
            pos += 1
        value, pos = _read_value(text, pos)
        keyword = text[start:keyword_end]
        if keyword not in KEYWORDS and keyword != "requiressl":
            raise _Unparsable(
                f"unknown connection keyword{{name}} at character {start + 1} "
                "(keywords are lower-case libpq names such as host, dbname, sslmode; "
                "quote a value that holds spaces: key='a b')",
                (start, keyword_end),
                "unknown",
            )
        spelled = f"requiressl={value}" if keyword == "requiressl" else ""
        _store(entries, _Entry(keyword, value, start, pos, True, spelled))


def _read_value(text: str, pos: int) -> tuple[str, int]:
    """Read one value (quoted or bare) starting at ``pos``; return it and the position after."""
    size = len(text)
    quoted = pos < size and text[pos] == "'"
    opening = pos
    pos += quoted
    chars: list[str] = []
    while True:
        if pos >= size:
            if quoted:
                raise _Unparsable(f"unterminated quoted value starting at character {opening + 1}")
            return "".join(chars), pos
        char = text[pos]
        if char == "\\":
            chars.append(text[pos + 1 : pos + 2])
            pos += 2
        elif quoted and char == "'":
            return "".join(chars), pos + 1
        elif not quoted and char in _C_SPACE:
            return "".join(chars), pos
        else:
            chars.append(char)
            pos += 1


def _parse_uri(text: str, prefix_end: int, driver: str | None) -> Conninfo:
    """libpq's ``conninfo_uri_parse_options``, plus SQLAlchemy's ``+driver`` suffix."""
    entries: list[_Entry] = []
    size = len(text)
    pos = prefix_end

    credentials_end = pos
    while credentials_end < size and text[credentials_end] not in "@/":
        credentials_end += 1
    if credentials_end < size and text[credentials_end] == "@":
        user_end = pos
        while text[user_end] not in ":@":
            user_end += 1
        if user_end > pos:
            entries.append(_netloc_entry(text, "user", pos, user_end))
        if text[user_end] == ":":
            password_end = text.index("@", user_end)
            if password_end > user_end + 1:
                entries.append(_netloc_entry(text, "password", user_end + 1, password_end))
            user_end = password_end
        pos = user_end + 1

    hosts: list[str] = []
    ports: list[str] = []
    netloc_start = pos
    while True:
        if pos < size and text[pos] == "[":
            closing = text.find("]", pos + 1)
            if closing < 0:
                raise _Unparsable('missing "]" after an IPv6 host address')
            if closing == pos + 1:
                raise _Unparsable("an empty IPv6 host address")
            hosts.append(text[pos + 1 : closing])
            pos = closing + 1
            if pos < size and text[pos] not in ":/?,":
                raise _Unparsable(
                    f'unexpected character at position {pos + 1} after an IPv6 address (expected ":", "/", "?" or ",")'
                )
        else:
            host_start = pos
            while pos < size and text[pos] not in ":/?,":
                pos += 1
            hosts.append(text[host_start:pos])
        port = ""
        if pos < size and text[pos] == ":":
            port_start = pos + 1
            pos = port_start
            while pos < size and text[pos] not in "/?,":
                pos += 1
            port = text[port_start:pos]
        ports.append(port)
        if pos >= size or text[pos] != ",":
            break
        pos += 1
    for keyword, values in (("host", hosts), ("port", ports)):
        joined = ",".join(values)
        if joined:
            entries.append(_Entry(keyword, _uri_decode(joined, keyword), netloc_start, pos, False))

    if pos < size and text[pos] == "/":
        dbname_start = pos + 1
        pos = text.find("?", dbname_start)
        pos = size if pos < 0 else pos
        if pos > dbname_start:
            entries.append(_netloc_entry(text, "dbname", dbname_start, pos))

    query_start = None
    if pos < size:  # at the "?"
        query_start = pos + 1
        entries.extend(_parse_uri_query(text, query_start, driver))
    return Conninfo(text, "uri", driver, tuple(entries), query_start)


def _netloc_entry(text: str, keyword: str, start: int, end: int) -> _Entry:
    return _Entry(keyword, _uri_decode(text[start:end], keyword), start, end, False)


def _parse_uri_query(text: str, pos: int, driver: str | None) -> list[_Entry]:
    """libpq's ``conninfo_uri_parse_params``: ``&``-separated ``key=value``, percent-decoded."""
    entries: list[_Entry] = []
    libpq_rules = driver is None or driver in LIBPQ_DRIVERS
    size = len(text)
    while pos < size:
        end = text.find("&", pos)
        end = size if end < 0 else end
        raw_keyword, equals, raw_value = text[pos:end].partition("=")
        if not equals:
            raise _Unparsable(f'missing "=" in the URI query parameter at character {pos + 1}')
        if "=" in raw_value:
            raise _Unparsable(f'a second "=" in the URI query parameter at character {pos + 1}')
        keyword = _uri_decode(raw_keyword, "a query parameter name")
        value = _uri_decode(raw_value, f"value of {keyword}")
        spelled = f"{keyword}={value}" if keyword in ("ssl", "requiressl") else ""
        if libpq_rules:
            if keyword == "ssl" and value == "true":
                keyword, value = "sslmode", "require"
            elif keyword not in KEYWORDS and keyword != "requiressl":
                raise _Unparsable(
                    f"unknown URI query parameter{{name}} at character {pos + 1}",
                    (pos, pos + len(raw_keyword)),
                    "unknown",
                )
        _store(entries, _Entry(keyword, value, pos, end, True, spelled))
        pos = end + 1
    return entries


def _uri_decode(raw: str, what: str) -> str:
    """libpq's ``conninfo_uri_decode``: %XX escapes; raw spaces only around the value."""
    stripped = raw.strip(" ")
    if " " in stripped:
        raise _Unparsable(f"unexpected spaces in the {what} (write a space as %20)")
    if "%" not in stripped:
        return stripped
    decoded = bytearray()
    pos = 0
    while pos < len(stripped):
        char = stripped[pos]
        if char != "%":
            decoded += char.encode()
            pos += 1
            continue
        digits = stripped[pos + 1 : pos + 3]
        if len(digits) < 2 or not all(d in "0123456789abcdefABCDEF" for d in digits):
            raise _Unparsable(f"an invalid percent-encoded token in the {what}")
        if digits == "00":
            raise _Unparsable(f"a forbidden %00 in the {what}")
        decoded.append(int(digits, 16))
        pos += 3
    # libpq keeps bytes; only the value that is finally stored must be UTF-8 (see _parse)
    return decoded.decode(errors="surrogateescape")
