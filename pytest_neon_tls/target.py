"""The connection policy: where tests connect, and the rules every connection string obeys.

* :func:`harden` turns any DSN into one that demands ``sslmode=verify-full`` with a concrete
  ``sslrootcert`` (a weaker mode is upgraded and reported), ``connect_timeout`` 10 s unless set,
  and ``channel_binding=require`` for Neon hosts unless set.
* :class:`Target` is a hardened conninfo with its root bundle, and what follows from its host
  names: a Neon endpoint, its endpoint id, whether it goes through Neon's pooler (``-pooler``)
  or, for the embedded server in pooled mode, through the plugin's own PgBouncer.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from flake8_neon.conninfo import Conninfo, is_neon_host, parse, redact

from .errors import NeonTlsError
from .roots import RootBundle

DEFAULT_CONNECT_TIMEOUT = 10
#: psycopg's wait when connect_timeout is 0 or negative (libpq would wait forever).
_UNBOUNDED_CONNECT_TIMEOUT = 130
_POOLER_SUFFIX = "-pooler"


class RedactedStr(str):
    """A connection string that shows its password masked in ``repr`` (tracebacks, --showlocals).

    ``str()`` and formatting give the real value, so drivers can use it as is.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(redact(str(self)))


@dataclass(frozen=True)
class Hardened:
    """A conninfo rewritten by :func:`harden` and what was changed."""

    conninfo: Conninfo
    upgraded_from: str | None  # the weaker sslmode the DSN asked for, if any
    upgrade_reason: str | None


def harden(conninfo: Conninfo, root: RootBundle, environ: Mapping[str, str] | None = None) -> Hardened:
    """Demand verify-full with ``root`` as sslrootcert; add Neon defaults (see module doc)."""
    env = os.environ if environ is None else environ
    verdict = conninfo.tls(env)
    params = conninfo.params
    values = {"sslmode": "verify-full", "sslrootcert": str(root.path)}
    if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in env:
        values["connect_timeout"] = str(DEFAULT_CONNECT_TIMEOUT)
    neon = any(is_neon_host(host) for host in conninfo.hosts)
    if neon and "channel_binding" not in params and "PGCHANNELBINDING" not in env:
        values["channel_binding"] = "require"
    text = conninfo.with_params(**values)
    upgraded = None if verdict.verify_full else verdict.sslmode
    reason = None
    if upgraded is not None:
        reason = (
            f"the DSN asks for sslmode={verdict.sslmode} (from {verdict.source}): "
            f"{verdict.reason}. neon-tls connects with sslmode=verify-full instead; "
            "set sslmode=verify-full in the DSN to silence this warning."
        )
    return Hardened(parse(text), upgraded, reason)


@dataclass(frozen=True)
class Target:
    """Where tests connect: a hardened conninfo, its root bundle, whether it is embedded, and
    whether that embedded server is reached through PgBouncer in transaction mode."""

    conninfo: Conninfo
    root: RootBundle
    embedded: bool
    behind_pooler: bool = False

    @property
    def dsn(self) -> RedactedStr:
        return RedactedStr(self.conninfo.text)

    @property
    def neon(self) -> bool:
        """True when a host is a Neon endpoint (``*.neon.tech``)."""
        return any(is_neon_host(host) for host in self.conninfo.hosts)

    @property
    def endpoint_id(self) -> str | None:
        """Neon's endpoint id (``ep-...``, the first label of the host name, without ``-pooler``)."""
        for host in self.conninfo.hosts:
            if is_neon_host(host):
                label = host.strip().lower().split(".", 1)[0]
                return label.removesuffix(_POOLER_SUFFIX)
        return None

    @property
    def pooled(self) -> bool:
        """True through PgBouncer in transaction mode: Neon's pooled route (``ep-...-pooler``), or
        the embedded server in pooled mode."""
        return self.behind_pooler or any(
            is_neon_host(host) and host.strip().lower().split(".", 1)[0].endswith(_POOLER_SUFFIX)
            for host in self.conninfo.hosts
        )

    @property
    def connect_timeout(self) -> int:
        """Seconds libpq (and psycopg) wait for each host address, as they read ``connect_timeout``."""
        value = self.conninfo.params.get("connect_timeout") or os.environ.get("PGCONNECT_TIMEOUT")
        try:
            seconds = int(float(value)) if value else DEFAULT_CONNECT_TIMEOUT
        except ValueError:
            seconds = DEFAULT_CONNECT_TIMEOUT
        if seconds <= 0:
            return _UNBOUNDED_CONNECT_TIMEOUT
        return max(seconds, 2)  # libpq and psycopg treat anything below 2 s as 2 s

    def session_options(self) -> dict[str, Any]:
        """psycopg connection options this target needs.

        Through a pooler in transaction mode (Neon's, or the embedded pooled mode's) every
        transaction may run on another server connection. psycopg prepares a statement at its
        sixth execution; a PgBouncer that does not track prepared statements (before 1.21, or with
        ``max_prepared_statements = 0``) then sends the next execution to a server connection
        that never saw it. A test gains nothing from preparing, so it is turned off there.
        """
        return {"prepare_threshold": None} if self.pooled else {}

    def describe(self) -> str:
        return self.conninfo.redacted()

    def derive(self, **params: str) -> Target:
        """The same target with some keywords replaced (another database, role, options)."""
        forbidden = {"sslmode", "sslrootcert"} & set(params)
        if forbidden:
            raise NeonTlsError(
                f"{', '.join(sorted(forbidden))} cannot be overridden: neon-tls always uses "
                "sslmode=verify-full with the configured root bundle"
            )
        return replace(self, conninfo=parse(self.conninfo.with_params(**params)))
