"""What a connection string or a ``PGSSLMODE`` value amounts to, judged without a syntax tree.

The Python rules (:mod:`flake8_neon.rules`) and the scanners of other files share these
judgments, so a weak setting gets the same code, message and fix wherever it is written. The
unknown parts of a value (an f-string field, a ``${VAR}`` placeholder) are written as
:data:`HOLE`: a setting that depends on one is never judged, a string holding one is never
rewritten. This module imports neither libcst nor anything else outside the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from flake8_neon.conninfo import SSLMODES, Conninfo, ConninfoError, evaluate_tls, looks_like_conninfo, parse
from flake8_neon.drivers import ASYNCPG_URL_FIX, LIBPQ_FIX, Family, url_family
from flake8_neon.settings import Settings

#: Stands for a value only known at run time. Letters and digits only, so it never adds a
#: separator (``=``, ``&``, ``?``, space) to a connection string.
HOLE = "NEOx0HOLE"

#: A mistyped sslmode is a word (``verify_full``); anything else (``(disable|allow)``) is a
#: pattern or a template in a string that only looks like a connection string.
_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
_PG8000_URL_KEYS = ("sslmode", "requiressl", "sslrootcert", "ssl")
_PG8000_DEFAULT = (
    "pg8000 without ssl_context tries TLS without verifying anything and silently falls back "
    "to plaintext (pg8000 1.31+; older versions send no TLS at all)"
)


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

    @classmethod
    def read(cls, text: str) -> ConnectionString | None:
        """The connection string ``text`` holds, or None if it holds none."""
        if not looks_like_conninfo(text):
            return None
        try:
            conninfo = parse(text)
        except ConninfoError:
            return None
        return cls(conninfo, url_family(conninfo.driver) if conninfo.form == "uri" else "libpq")

    @property
    def has_holes(self) -> bool:
        return HOLE in self.conninfo.text

    def known(self, keyword: str) -> str | None:
        """The value of ``keyword`` if the text decides it, else None."""
        value = self.conninfo.params.get(keyword)
        return None if value is None or HOLE in value else value

    @property
    def hosts(self) -> tuple[str, ...] | None:
        """Every host (and hostaddr) it dials, None when one of them is unknown."""
        params = self.conninfo.params
        hosts = self.conninfo.hosts + tuple(filter(None, params.get("hostaddr", "").split(",")))
        return None if any(HOLE in host for host in hosts) else hosts

    def rewritten(self) -> str | None:
        """The same text demanding ``sslmode=verify-full``; None when it has holes or cannot be rewritten."""
        if self.has_holes:
            return None
        try:
            return self.conninfo.with_verify_full()
        except ConninfoError:
            return None

    def ignored(self, settings: Settings) -> bool:
        """True when every host it dials is local and local hosts are not checked."""
        hosts = self.hosts
        return hosts is not None and settings.ignores_hosts(hosts)


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
        return Judgment("NEO101", f"connection string: {verdict.reason}; {LIBPQ_FIX}", fixable=True)
    if string.family == "asyncpg":
        mode = string.known("ssl")
        if mode in SSLMODES and mode != "verify-full":
            return Judgment(
                "NEO101",
                f"postgresql+asyncpg URL sets ssl={mode}: asyncpg treats it like libpq's "
                f"sslmode={mode}, which does not verify the server; {ASYNCPG_URL_FIX}",
            )
    return None


def missing_sslmode(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO102: the string names a remote host but no sslmode (libpq's default is prefer)."""
    hosts = string.hosts
    if not settings.check_missing_sslmode or hosts is None or settings.ignores_hosts(hosts):
        return None
    params = string.conninfo.params
    where = ", ".join(host for host in hosts if host)
    if string.family == "libpq" and "sslmode" not in params:
        if "sslrootcert" in params and string.known("sslrootcert") is None:
            return None
        verdict = string.conninfo.tls({})
        if verdict.source == "default":
            return Judgment("NEO102", f"connection string to {where}: {verdict.reason}; {LIBPQ_FIX}", fixable=True)
    elif string.family == "asyncpg" and "ssl" not in params and "sslmode" not in params:
        return Judgment(
            "NEO102",
            f"postgresql+asyncpg URL to {where} sets no ssl: asyncpg then uses prefer, which "
            f"falls back to plaintext and never verifies the server; {ASYNCPG_URL_FIX}",
        )
    return None


def rejected_settings(string: ConnectionString) -> Judgment | None:
    """NEO105: TLS settings the driver refuses, so every connection fails."""
    params = string.conninfo.params
    if string.family == "libpq":
        if any(string.known(key) is None for key in ("sslmode", "sslrootcert", "sslnegotiation") if key in params):
            return None
        verdict = string.conninfo.tls({})
        if verdict.rejected and set(verdict.sslmode) <= _WORD_CHARACTERS:
            return Judgment("NEO105", f"connection string: {verdict.reason}", fixable=True)
    elif string.family == "asyncpg":
        for key in ("sslmode", "sslrootcert", "requiressl"):
            if key in params:
                return Judgment(
                    "NEO105",
                    f"postgresql+asyncpg URL sets {key}: SQLAlchemy passes it to asyncpg.connect(), "
                    f"which has no {key} parameter (TypeError: unexpected keyword argument); "
                    f"{ASYNCPG_URL_FIX}",
                )
        mode = string.known("ssl")
        if mode is not None and mode not in SSLMODES:
            return Judgment(
                "NEO105",
                f"postgresql+asyncpg URL sets ssl={mode}: asyncpg accepts only an sslmode name "
                f"there and refuses to connect; {ASYNCPG_URL_FIX}",
            )
    elif string.family == "pg8000":
        found = [key for key in _PG8000_URL_KEYS if key in params]
        if found:
            return Judgment(
                "NEO105",
                f"postgresql+pg8000 URL sets {found[0]}: SQLAlchemy passes it to pg8000.connect(), "
                "which has no such parameter (TypeError); pass "
                "connect_args={'ssl_context': ssl.create_default_context()} instead",
            )
    return None


def pg8000_url_without_context(string: ConnectionString, settings: Settings) -> Judgment | None:
    """NEO107: a ``postgresql+pg8000://`` URL to a remote host (pg8000 then does not verify)."""
    hosts = string.hosts
    if string.family != "pg8000" or not settings.check_missing_sslmode or hosts is None:
        return None
    if settings.ignores_hosts(hosts):
        return None
    return Judgment(
        "NEO107",
        f"postgresql+pg8000 URL to {hosts[0]}: {_PG8000_DEFAULT}; pass connect_args="
        "{'ssl_context': ssl.create_default_context()} (or cafile=<path to CA bundle>)",
    )


def pg8000_default_message(host: str, fix: str) -> str:
    """NEO107's message for a pg8000 connect call to ``host`` without ``ssl_context``."""
    return f"pg8000 connection to {host}: {_PG8000_DEFAULT}; {fix}"


def weak_pgsslmode(value: str) -> Judgment | None:
    """NEO108: ``PGSSLMODE`` set to less than verify-full (fixable: the value becomes ``verify-full``)."""
    if HOLE in value:
        return None
    verdict = evaluate_tls({}, {"PGSSLMODE": value})
    if verdict.verify_full:
        return None
    return Judgment(
        "NEO108",
        f"environment: {verdict.reason}, for every connection of this process that sets no sslmode; {LIBPQ_FIX}",
        fixable=True,
    )
