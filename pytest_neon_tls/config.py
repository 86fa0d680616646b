"""One configuration object, built once per pytest process from options, ini and environment.

=======================  =========================  ======================  ===================
setting                  command line               ini                     environment
=======================  =========================  ======================  ===================
DSN                      ``--neon-dsn``             ``neon_dsn``            ``NEON_DATABASE_URL``
trusted roots            ``--neon-sslrootcert``     ``neon_sslrootcert``    ``PGSSLROOTCERT`` (*)
embedded even with DSN   ``--neon-embedded``        ``neon_embedded``
fail instead of skip     ``--neon-require``         ``neon_require``
server binaries          ``--neon-pg-bindir``       ``neon_pg_bindir``      ``NEON_TLS_PG_BINDIR``
a Neon branch per run    ``--neon-branch``          ``neon_branch``
Neon project             ``--neon-project-id``      ``neon_project_id``     ``NEON_PROJECT_ID``
parent branch            ``--neon-parent-branch``   ``neon_parent_branch``
Neon API address         ``--neon-api-url``         ``neon_api_url``        ``NEON_API_URL``
Neon API key             (never an option)          (never ini)             ``NEON_API_KEY``
file holding the key     ``--neon-api-key-file``    ``neon_api_key_file``   ``NEON_API_KEY_FILE``
branch lifetime (min)    ``--neon-branch-lifetime`` ``neon_branch_lifetime``
wait for a branch (s)    ``--neon-branch-timeout``  ``neon_branch_timeout``
=======================  =========================  ======================  ===================

``--neon-embedded=pooled`` (ini ``neon_embedded = pooled``) puts the embedded server behind
PgBouncer in transaction mode, as Neon's ``-pooler`` hosts are.

Precedence: command line, then environment, then ini (as pytest's own ``PYTEST_ADDOPTS``
overrides ini ``addopts``), except (*) roots: option/ini, the DSN's own ``sslrootcert``,
``PGSSLROOTCERT``, then automatic discovery (:mod:`pytest_neon_tls.roots`).
The Neon API settings (:class:`BranchConfig`) are checked only when ``--neon-branch`` is on; the
key is read from the environment or a file, never from the command line or an ini file, where
shell histories, process lists and repositories would keep it.
Bad values raise :class:`ConfigError`, which the plugin turns into a usage error at startup.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flake8_neon.conninfo import Conninfo, ConninfoError, parse

from ._neon_errors import NeonApiSettingError
from ._neon_http import ApiKey, api_url
from .neon_api import API_KEY_ENV, API_URL_ENV, DEFAULT_API_URL
from .roots import RootBundle, RootBundleError, resolve_root_bundle
from .target import Hardened, Target, harden

DSN_ENV = "NEON_DATABASE_URL"
API_KEY_FILE_ENV = "NEON_API_KEY_FILE"
PROJECT_ENV = "NEON_PROJECT_ID"
#: How long a branch lives unless deleted first (``expires_at``): a crashed run leaks it no longer.
DEFAULT_BRANCH_LIFETIME_MINUTES = 60.0
#: Neon accepts an ``expires_at`` at most 30 days ahead.
MAX_BRANCH_LIFETIME_MINUTES = 30 * 24 * 60.0
#: How long to wait for a new branch's operations and endpoint.
DEFAULT_BRANCH_TIMEOUT = 120.0
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
    branch: BranchConfig = field(default_factory=lambda: BranchConfig())
    pooled: bool = False  # the embedded server behind PgBouncer in transaction mode

    @property
    def uses_embedded(self) -> bool:
        return not self.branch.enabled and (self.embedded or self.dsn is None)

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
        branch = BranchConfig.from_values(option=option, ini=ini, environ=env)
        if branch.enabled and (dsn_source or embedded):
            other = dsn_source if dsn_source else "--neon-embedded (ini neon_embedded)"
            raise ConfigError(
                f"--neon-branch (ini neon_branch) and {other} both choose where tests connect. "
                f"Fix: drop one of them (unset {DSN_ENV} for a run on a new branch)."
            )
        return cls(dsn, dsn_source, sslrootcert, embedded, require, pg_bindir, hardened, root, branch, pooled)


@dataclass(frozen=True)
class BranchConfig:
    """The Neon API settings of ``--neon-branch`` and the ``neon_branch`` fixture (see the table above).

    ``api_key`` is an :class:`~._neon_http.ApiKey`, whose repr is ``ApiKey('****')``; ``root``
    is the root bundle that the branches' connection URIs are hardened with.
    """

    enabled: bool = False
    project_id: str | None = None
    parent: str | None = None  # a branch name or id (br-...); None: the project's default branch
    api_url: str = DEFAULT_API_URL
    api_key: ApiKey | None = None
    lifetime_minutes: float = DEFAULT_BRANCH_LIFETIME_MINUTES
    timeout: float = DEFAULT_BRANCH_TIMEOUT
    root: RootBundle | None = None

    @classmethod
    def from_values(
        cls, *, option: Mapping[str, Any], ini: Mapping[str, Any], environ: Mapping[str, str]
    ) -> BranchConfig:
        """The settings, checked when ``--neon-branch`` is on (else only what is given is kept)."""
        enabled = bool(option.get("neon_branch")) or _flag(ini.get("neon_branch"))
        if not enabled:
            return cls()
        project_id, _ = _first(
            (option.get("neon_project_id"), "--neon-project-id"),
            (environ.get(PROJECT_ENV), PROJECT_ENV),
            (ini.get("neon_project_id"), "ini neon_project_id"),
        )
        key = _api_key(option, ini, environ)
        if key is None or not project_id:
            missing = [
                name
                for name, given in (
                    (f"{API_KEY_ENV} (or {API_KEY_FILE_ENV})", key),
                    (f"{PROJECT_ENV} (or --neon-project-id)", project_id),
                )
                if not given
            ]
            raise ConfigError(
                f"--neon-branch needs {' and '.join(missing)}. Fix: export {API_KEY_ENV}=<a key from Neon's "
                f"Console, Account settings > API keys> and {PROJECT_ENV}=<the project id, Project settings > "
                "General>, or run without --neon-branch."
            )
        url = option.get("neon_api_url") or environ.get(API_URL_ENV) or ini.get("neon_api_url") or DEFAULT_API_URL
        try:
            url = api_url(url)
        except NeonApiSettingError as error:
            raise ConfigError(f"{API_URL_ENV} (or --neon-api-url): {error}") from None
        lifetime = _number(option, ini, "neon_branch_lifetime", DEFAULT_BRANCH_LIFETIME_MINUTES, "minutes")
        if not 1 <= lifetime <= MAX_BRANCH_LIFETIME_MINUTES:
            raise ConfigError(
                f"--neon-branch-lifetime {lifetime:g} is out of range: Neon accepts an expiration from now up to "
                f"30 days ({MAX_BRANCH_LIFETIME_MINUTES:g} minutes) ahead. Fix: give minutes from 1 to "
                f"{MAX_BRANCH_LIFETIME_MINUTES:g}, a little more than a run takes."
            )
        timeout = _number(option, ini, "neon_branch_timeout", DEFAULT_BRANCH_TIMEOUT, "seconds")
        if timeout <= 0:
            raise ConfigError(f"--neon-branch-timeout {timeout:g}: give a number of seconds above 0.")
        sslrootcert = option.get("neon_sslrootcert") or ini.get("neon_sslrootcert") or None
        try:
            root = resolve_root_bundle(sslrootcert, None, environ)
        except RootBundleError as error:
            raise ConfigError(str(error)) from None
        parent = option.get("neon_parent_branch") or ini.get("neon_parent_branch") or None
        return cls(True, project_id, parent, url, key, lifetime, timeout, root)


def _api_key(option: Mapping[str, Any], ini: Mapping[str, Any], environ: Mapping[str, str]) -> ApiKey | None:
    """The key from ``NEON_API_KEY``, else from the file named by option, environment or ini."""
    try:
        if environ.get(API_KEY_ENV, "").strip():
            return ApiKey(environ[API_KEY_ENV])
        path, source = _first(
            (option.get("neon_api_key_file"), "--neon-api-key-file"),
            (environ.get(API_KEY_FILE_ENV), API_KEY_FILE_ENV),
            (ini.get("neon_api_key_file"), "ini neon_api_key_file"),
        )
        if not path:
            return None
        try:
            text = Path(path).expanduser().read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
            raise ConfigError(
                f"{source} names {path}, which cannot be read ({reason}). Fix: point it at a file that holds "
                f"only the API key, readable by this user, or set {API_KEY_ENV}."
            ) from None
        return ApiKey(text)
    except NeonApiSettingError as error:
        raise ConfigError(str(error)) from None


def _number(option: Mapping[str, Any], ini: Mapping[str, Any], name: str, default: float, unit: str) -> float:
    value = option.get(name)
    if value is None or value == "":
        value = ini.get(name) or default
    try:
        return float(value)
    except (TypeError, ValueError):
        flag = "--" + name.replace("_", "-")
        raise ConfigError(f"{flag} (ini {name}) is {value!r}, not a number of {unit}.") from None


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
