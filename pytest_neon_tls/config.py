"""One configuration object, built once per pytest process from options, ini and environment.

=======================  =========================  ======================  ===================
setting                  command line               ini                     environment
=======================  =========================  ======================  ===================
DSN                      ``--neon-dsn``             ``neon_dsn``            ``NEON_DATABASE_URL``
trusted roots            ``--neon-sslrootcert``     ``neon_sslrootcert``    ``PGSSLROOTCERT`` (*)
embedded even with DSN   ``--neon-embedded``        ``neon_embedded``
fail instead of skip     ``--neon-require``         ``neon_require``
server binaries          ``--neon-pg-bindir``       ``neon_pg_bindir``      ``NEON_TLS_PG_BINDIR``
=======================  =========================  ======================  ===================

``--neon-embedded=pooled`` (ini ``neon_embedded = pooled``) puts the embedded server behind
PgBouncer in transaction mode, as Neon's ``-pooler`` hosts are.

Precedence: command line, then environment, then ini (as pytest's own ``PYTEST_ADDOPTS``
overrides ini ``addopts``), except (*) roots: option/ini, the DSN's own ``sslrootcert``,
``PGSSLROOTCERT``, then automatic discovery (:mod:`pytest_neon_tls.roots`).
Bad values raise :class:`ConfigError`, which the plugin turns into a usage error at startup.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flake8_neon.conninfo import Conninfo, ConninfoError, parse

from .roots import RootBundle, RootBundleError, resolve_root_bundle
from .target import Hardened, Target, harden

DSN_ENV = "NEON_DATABASE_URL"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}
#: The modes of ``--neon-embedded``: the bare option means ``direct``.
EMBEDDED_MODES = ("direct", "pooled")


class ConfigError(ValueError):
    """An unusable setting; the message names the setting and never holds a password."""


@dataclass(frozen=True)
class NeonConfig:
    """Every neon-tls setting, resolved and validated (its repr shows no password)."""

    dsn: Conninfo | None
    dsn_source: str | None
    sslrootcert: str | None
    embedded: bool
    require: bool
    pg_bindir: str | None
    hardened: Hardened | None
    root: RootBundle | None
    pooled: bool = False  # the embedded server behind PgBouncer in transaction mode

    @property
    def uses_embedded(self) -> bool:
        return self.embedded or self.dsn is None

    def dsn_target(self) -> Target:
        """The remote target (only when a DSN is configured and not overridden)."""
        assert self.hardened is not None and self.root is not None
        return Target(self.hardened.conninfo, self.root, embedded=False)

    @classmethod
    def from_values(
        cls,
        *,
        option: Mapping[str, Any],
        ini: Mapping[str, Any],
        environ: Mapping[str, str] | None = None,
    ) -> NeonConfig:
        """Build from option values, ini values and the environment (keys as in the table)."""
        env = os.environ if environ is None else environ
        dsn_text, dsn_source = _first(
            (option.get("neon_dsn"), "--neon-dsn"),
            (env.get(DSN_ENV), DSN_ENV),
            (ini.get("neon_dsn"), "ini neon_dsn"),
        )
        sslrootcert = option.get("neon_sslrootcert") or ini.get("neon_sslrootcert") or None
        mode = _embedded_mode(option.get("neon_embedded"), ini.get("neon_embedded"))
        embedded, pooled = mode is not None, mode == "pooled"
        require = bool(option.get("neon_require")) or _flag(ini.get("neon_require"))
        pg_bindir = option.get("neon_pg_bindir") or ini.get("neon_pg_bindir") or None
        dsn: Conninfo | None = None
        if dsn_text:
            try:
                dsn = parse(dsn_text)
            except ConninfoError as error:
                raise ConfigError(f"{dsn_source} is not a valid connection string: {error}") from None
        hardened = root = None
        try:
            if dsn is not None and not embedded:
                root = resolve_root_bundle(sslrootcert, dsn.params.get("sslrootcert"), env)
                hardened = harden(dsn, root, env)
            elif sslrootcert:
                resolve_root_bundle(sslrootcert, None, env)  # still reject a missing file early
        except (RootBundleError, ConninfoError) as error:
            raise ConfigError(str(error)) from None
        return cls(dsn, dsn_source, sslrootcert, embedded, require, pg_bindir, hardened, root, pooled)


def _first(*candidates: tuple[str | None, str]) -> tuple[str | None, str | None]:
    for value, source in candidates:
        if value:
            return value, source
    return None, None


def _embedded_mode(option: Any, ini: Any) -> str | None:
    """``direct``, ``pooled`` or None (not embedded): the option, else the ini value (a flag or a mode)."""
    value = option if option else ini
    if isinstance(value, bool):
        return "direct" if value else None
    text = str(value or "").strip().lower()
    if text in _FALSE:
        return None
    if text in _TRUE:
        return "direct"
    if text in EMBEDDED_MODES:
        return text
    source = "--neon-embedded" if option else "ini neon_embedded"
    raise ConfigError(
        f"{source}={value!r} is no mode: use true (the embedded server), pooled (the embedded server behind "
        "PgBouncer in transaction mode) or false"
    )


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE
