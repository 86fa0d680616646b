"""What a connection string or a TLS setting amounts to, judged without a syntax tree.

The Python rules (:mod:`flake8_neon.rules`) and the scanners of other files share these
judgments, so a weak setting gets the same code, message and fix wherever it is written.
Messages are one short sentence: what is wrong, and what to write instead; each rule's
documentation (``flake8-neon --explain NEO101``) has the full story, trusted roots included.
The unknown parts of a value (an f-string field, a ``${VAR}`` placeholder) are written as
:data:`HOLE`: a setting that depends on one is never judged, a string holding one is never
rewritten. This module imports neither libcst nor anything else outside the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flake8_neon.conninfo import (
    KEYWORDS,
    LIBPQ_DRIVERS,
    SSLMODES,
    Conninfo,
    ConninfoError,
    evaluate_tls,
    looks_like_conninfo,
    parse,
)
from flake8_neon.drivers import Family, url_family
from flake8_neon.settings import Settings

#: Stands for a value only known at run time. Letters and digits only, so it never adds a
#: separator (``=``, ``&``, ``?``, space) to a connection string.
HOLE = "NEOx0HOLE"

#: What each sslmode weaker than verify-full does (libpq's, and asyncpg's ``ssl=`` names).
MODE_RISKS = {
    "disable": "sends everything in plaintext",
    "allow": "tries plaintext first and never verifies the server",
    "prefer": "falls back to plaintext and never verifies the server",
    "require": "encrypts but never verifies the server",
    "verify-ca": "does not check the server's host name",
}
PG8000_CONTEXT = "ssl_context=ssl.create_default_context()"

#: A mistyped sslmode is a word (``verify_full``); anything else (``(disable|allow)``) is a
#: pattern or a template in a string that only looks like a connection string.
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_PG8000_URL_KEYS = ("sslmode", "requiressl", "sslrootcert", "ssl")
_NEEDS_HOST = "and add host=<server name> (verify-full checks it)"
#: Fields of ``str.format`` and ``%`` templates written in a plain string.
_TEMPLATE_FIELD = re.compile(r"\{[A-Za-z0-9_.]*\}|%\([A-Za-z0-9_]+\)s|%s")
#: An unknown URL given more query parameters: ``DATABASE_URL + "?sslmode=require"``.
_EXTENDED_URL = re.compile(f"(?:{HOLE})+[?&](?P<query>[^?#\\s]*)")
#: Unknown parts glued to a setting (``f"{url}{sep}sslmode=require"``): the last part ends with the separator.
_GLUED_QUERY = re.compile(f"(?:{HOLE})+(?=[a-z_]+=)")
_URI_START = re.compile(r"postgres(?:ql)?(?:\+\w+)?://")
#: A whitespace-separated word of unknown parts in a key/value string.
_HOLE_WORD = re.compile(f"(?<!\\S)(?:{HOLE})+(?!\\S)")
#: A URI read by libpq's rules (no driver, or a libpq driver), with its query.
_LIBPQ_URI = re.compile(r"postgres(?:ql)?(?:\+(?P<driver>[A-Za-z0-9_]+))?://[^?]*\?(?P<query>.*)", re.DOTALL)
#: The name of another client's URI option (Prisma's ``pgbouncer``, ``schema``, ``connection_limit``...).
_FOREIGN_OPTION = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Judgment:
    """One problem with a value: its code and message; ``fixable`` when :meth:`ConnectionString.rewritten` fixes it."""

    code: str
    message: str
    fixable: bool = False


@dataclass(frozen=True)
class ConnectionString:
    """A value that parses as a libpq connection string (URI or key/value), holes included."""

    conninfo: Conninfo
    family: Family | None
    """Whose TLS rules apply: ``libpq``, ``asyncpg`` or ``pg8000`` (``postgresql+<driver>://``)."""
    prefix: str = ""
    """Text before the connection string proper: ``db+`` of Celery's database result backend."""
    foreign: tuple[str, ...] = ()
    """Query options of another client that libpq does not know (Prisma's ``pgbouncer=true``): left out of
    ``conninfo``, and the string is never rewritten (what that client accepts is not known here)."""

    @classmethod
    def read(cls, text: str) -> ConnectionString | None:
        """The connection string ``text`` holds, or None if it holds none.

        Template fields (``{host}``, ``%(host)s``, ``%s``) are unknown parts. So is the start of
        a URL that is only extended (``<unknown URL>?sslmode=require``, also with the separator
        unknown: ``f"{url}{sep}sslmode=require"``), and a field standing
        for whole settings in a key/value string (``f"{base} sslmode=require"``): it may set
        any host or sslmode, so only a static setting written after it decides.
        """
        prefix = "db+" if text.startswith("db+postgres") else ""
        text = text[len(prefix) :]
        if (glued := _GLUED_QUERY.match(text)) is not None:
            text = f"{glued.group()}?{text[glued.end() :]}"
        if not looks_like_conninfo(text):
            return None
        text = _TEMPLATE_FIELD.sub(HOLE, text)
        if (extension := _EXTENDED_URL.fullmatch(text)) is not None:
            text = f"postgresql://{HOLE}/{HOLE}?{extension['query']}"
        elif _URI_START.match(text) is None:
            text = _HOLE_WORD.sub(_unknown_settings, text)
        foreign: tuple[str, ...] = ()
        try:
            conninfo = parse(text)
        except ConninfoError:
            text, foreign = _without_foreign_options(text)
            if not foreign:
                return None
            try:
                conninfo = parse(text)
            except ConninfoError:
                return None
        return cls(conninfo, url_family(conninfo.driver) if conninfo.form == "uri" else "libpq", prefix, foreign)

    @property
    def has_holes(self) -> bool:
        return HOLE in self.conninfo.text

    def known(self, keyword: str) -> str | None:
        """The value of ``keyword`` if the text decides it, else None."""
        value = self.conninfo.params.get(keyword)
        return None if value is None or HOLE in value else value

    @property
    def hosts(self) -> tuple[str, ...] | None:
        """Every host (and hostaddr) it dials, None when one of them is unknown.

        A ``service=`` string without a host takes its host from the service file: unknown.
        """
        params = self.conninfo.params
        if "service" in params and not params.get("host") and not params.get("hostaddr"):
            return None
        hosts = self.conninfo.hosts + tuple(filter(None, params.get("hostaddr", "").split(",")))
        return None if any(HOLE in host for host in hosts) else hosts

    @property
    def needs_host(self) -> bool:
        """True when it dials a ``hostaddr`` with no ``host``: verify-full would be refused."""
        return needs_host(self.conninfo.params)

    def rewritten(self) -> str | None:
        """The same text demanding ``sslmode=verify-full``; None when it has holes or cannot be rewritten."""
        if self.has_holes or self.needs_host or self.foreign:
            return None
        try:
            return self.prefix + self.conninfo.with_verify_full()
        except ConninfoError:
            return None

    def ignored(self, settings: Settings) -> bool:
        """True when every host it dials is local and local hosts are not checked."""
        hosts = self.hosts
        return hosts is not None and settings.ignores_hosts(hosts)


def _without_foreign_options(text: str) -> tuple[str, tuple[str, ...]]:
    """A libpq URI without the query options of other clients, and their names.

    Prisma's, node-postgres' or pgx's own options (``pgbouncer=true``, ``schema=public``,
    ``connection_limit=1``) make libpq refuse the whole URI, yet the client that reads it
    connects with its ``sslmode`` like libpq; so do asyncpg's server settings (``TimeZone=UTC``). Only names
    that are not libpq's, nor a misspelling of one in another case (``SSLMode``, ``Host``), nor about TLS
    (``ssl=1`` is another client's TLS switch), are left out.
    """
    match = _LIBPQ_URI.fullmatch(text)
    driver = match["driver"] if match is not None else None
    if match is None or (driver is not None and driver not in LIBPQ_DRIVERS):
        return text, ()
    kept, foreign = [], []
    for option in match["query"].split("&"):
        name = option.partition("=")[0]
        known = name.lower() in KEYWORDS or name.lower() == "requiressl" or option == "ssl=true"
        if known or not _FOREIGN_OPTION.fullmatch(name) or "ssl" in name.lower():
            kept.append(option)
        else:
            foreign.append(name)
    return text[: match.start("query")] + "&".join(kept), tuple(foreign)


def _unknown_settings(word: re.Match[str]) -> str:
    """An unknown word of a key/value string that is not a value (not after ``=``, not before one) stands
    for unknown settings: any host and sslmode."""
    before, after = word.string[: word.start()].rstrip(), word.string[word.end() :].lstrip()
    if before.endswith("=") or after.startswith("="):
        return word.group()
    return f"host={HOLE} sslmode={HOLE}"


def needs_host(params: dict[str, str]) -> bool:
    """True for libpq settings with a ``hostaddr`` but no ``host``: verify-full fails there
    ("host name must be specified for a verified SSL connection")."""
    return bool(params.get("hostaddr")) and not params.get("host")


def weak_mode_message(setting: str, mode: str, fix: str) -> str:
    """``<setting> <what that mode does>; <fix>``: the one wording of every weak-sslmode finding."""
    return f"{setting} {MODE_RISKS[mode]}; {fix}"


def weak_sslmode(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO101: the string sets an sslmode weaker than verify-full."""
    if string.ignored(settings):
        return None
    if string.family == "libpq":
        params = string.conninfo.params
        if string.known("sslmode") is None or any(
            string.known(keyword) is None for keyword in ("sslrootcert", "sslnegotiation") if keyword in params
        ):
            return None
        verdict = string.conninfo.tls({})
        if verdict.rejected or verdict.verify_full:
            return None
        spelled = [entry.spelled for entry in string.conninfo.entries if entry.keyword == "sslmode"][-1]
        setting = f"{spelled} (sslmode={verdict.sslmode})" if spelled else f"sslmode={verdict.sslmode}"
        if string.needs_host:
            return Judgment(
                "NEO101", weak_mode_message(setting, verdict.sslmode, f"use sslmode=verify-full {_NEEDS_HOST}")
            )
        return Judgment("NEO101", weak_mode_message(setting, verdict.sslmode, "use sslmode=verify-full"), fixable=True)
    if string.family == "asyncpg":
        mode = string.known("ssl")
        if mode in MODE_RISKS:
            return Judgment("NEO101", weak_mode_message(f"asyncpg URL ssl={mode}", mode, "use ssl=verify-full"))
    return None


def missing_sslmode(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO102: the string names a remote host but no sslmode (libpq's default is prefer)."""
    hosts = string.hosts
    if not settings.check_missing_sslmode or hosts is None or settings.ignores_hosts(hosts):
        return None
    params = string.conninfo.params
    where = ", ".join(dict.fromkeys(host for host in hosts if host))
    if string.family == "libpq" and "sslmode" not in params:
        if "sslrootcert" in params and string.known("sslrootcert") is None:
            return None
        if string.conninfo.tls({}).source != "default":
            return None
        if string.needs_host:
            return Judgment(
                "NEO102",
                f"no sslmode for {where} (libpq's default prefer never verifies); add sslmode=verify-full, host=<name>",
            )
        return Judgment(
            "NEO102", f"no sslmode for {where}: libpq's default prefer never verifies; add sslmode=verify-full", True
        )
    if string.family == "asyncpg" and "ssl" not in params and "sslmode" not in params:
        return Judgment("NEO102", f"no ssl for {where}: asyncpg's default prefer never verifies; add ssl=verify-full")
    return None


def encode_databases_url(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO101/NEO102 for a URL given to encode/databases' ``Database``: its asyncpg backend dials the URL's
    host with only the URL's ``ssl`` option (``true``/``false`` become ``True``/``False``) and drops
    ``sslmode``. None for what it does not decide (its aiopg backend, a dynamic host)."""
    hosts = string.hosts
    if string.conninfo.form != "uri" or string.conninfo.driver not in (None, "asyncpg") or hosts is None:
        return None
    if settings.ignores_hosts(hosts):
        return None
    # libpq's reading turns ssl=true into sslmode=require (spelled "ssl=true"); an asyncpg URL keeps ssl
    ssl = [
        entry.spelled[len("ssl=") :] or entry.value
        for entry in string.conninfo.entries
        if entry.keyword == "ssl" or entry.spelled.startswith("ssl=")
    ]
    if not ssl:
        if not settings.check_missing_sslmode:
            return None
        dropped = " (it drops sslmode)" if any(entry.keyword == "sslmode" for entry in string.conninfo.entries) else ""
        where = ", ".join(dict.fromkeys(host for host in hosts if host))
        return Judgment(
            "NEO102", f"databases gives asyncpg no ssl for {where}{dropped}, so prefer never verifies; add ssl=true"
        )
    value = ssl[-1]
    mode = {"true": "verify-full", "false": "disable"}.get(value.lower(), value)
    if HOLE not in value and mode in MODE_RISKS:
        return Judgment("NEO101", weak_mode_message(f"databases URL ssl={value}", mode, "use ssl=true"))
    return None


def rejected_settings(string: ConnectionString) -> Judgment | None:
    """NEO105: TLS settings the driver refuses, so every connection fails."""
    params = string.conninfo.params
    if string.family == "libpq":
        if any(string.known(key) is None for key in ("sslmode", "sslrootcert", "sslnegotiation") if key in params):
            return None
        verdict = string.conninfo.tls({})
        if verdict.rejected and set(verdict.sslmode) <= _WORD_CHARACTERS:
            return Judgment("NEO105", f"libpq refuses to connect: {verdict.rejected}", fixable=not string.needs_host)
    elif string.family == "asyncpg":
        for key in ("sslmode", "sslrootcert", "requiressl"):
            if key in params:
                return Judgment(
                    "NEO105", f"asyncpg has no {key} parameter: connecting fails with TypeError; use ssl=verify-full"
                )
        mode = string.known("ssl")
        if mode is not None and mode not in SSLMODES:
            return Judgment("NEO105", f"asyncpg refuses ssl={mode} (not an sslmode); use ssl=verify-full")
    elif string.family == "pg8000":
        found = [key for key in _PG8000_URL_KEYS if key in params]
        if found:
            return Judgment(
                "NEO105",
                f"pg8000 has no {found[0]} parameter: connecting fails with TypeError; "
                f"pass connect_args={{'ssl_context': ssl.create_default_context()}}",
            )
    return None


def pg8000_url_without_context(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO107: a ``postgresql+pg8000://`` URL to a remote host (pg8000 then does not verify)."""
    hosts = string.hosts
    if string.family != "pg8000" or not settings.check_missing_sslmode or hosts is None:
        return None
    if settings.ignores_hosts(hosts):
        return None
    return Judgment("NEO107", pg8000_default_message(hosts[0], "add an ssl_context to connect_args"))


def pg8000_default_message(host: str, fix: str = f"pass {PG8000_CONTEXT}") -> str:
    """NEO107's message for pg8000 to ``host`` without an ``ssl_context``."""
    return f"pg8000 to {host} without ssl_context never verifies the server; {fix}"


def weak_sslmode_value(value: str, name: str = "sslmode") -> Judgment | None:
    """NEO103: a separate libpq ``sslmode`` value (keyword argument, dict item, setting) weaker than verify-full;
    ``name`` is the setting as written (``server_tls_sslmode`` of PgBouncer)."""
    if HOLE in value or value not in MODE_RISKS:
        return None
    return Judgment("NEO103", weak_mode_message(f"{name}={value!r}", value, "use 'verify-full'"), fixable=True)


def weak_pgsslmode(value: str) -> Judgment | None:
    """NEO108: ``PGSSLMODE`` set to less than verify-full (fixable: the value becomes ``verify-full``)."""
    if HOLE in value:
        return None
    verdict = evaluate_tls({}, {"PGSSLMODE": value})
    if verdict.verify_full:
        return None
    if verdict.sslmode not in MODE_RISKS:
        return Judgment(
            "NEO108", f"PGSSLMODE={value} is not an sslmode: libpq refuses to connect; use verify-full", True
        )
    return Judgment(
        "NEO108",
        weak_mode_message(f"PGSSLMODE={value}", verdict.sslmode, "set verify-full (it applies to every connection)"),
        fixable=True,
    )
