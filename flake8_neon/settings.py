"""User-facing options shared by the flake8 plugin and the standalone CLI, declared once in :data:`OPTIONS`."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from flake8_neon.conninfo import is_local_host

#: Codes about a connection that sets no TLS at all: ``check-missing-sslmode`` turns them off, and a
#: module or file that sets ``PGSSLMODE=verify-full`` gets none of them. Declared once, here, for
#: the Python rules and the scanners of other files alike (this module imports no libcst).
MISSING_SSLMODE_CODES = frozenset({"NEO102", "NEO106", "NEO107"})
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class SettingsError(ValueError):
    """An option has a value the linter cannot use; the message names the option."""


@dataclass(frozen=True)
class Settings:
    """What the rules need to know beyond the source code.

    ``local_hosts`` are extra host names (shell-style patterns such as ``*.internal``)
    treated like ``localhost``; ``check_local_hosts`` makes the rules report local hosts
    too; ``check_missing_sslmode`` turns the "no sslmode at all" rules on or off.
    """

    local_hosts: tuple[str, ...] = ()
    check_local_hosts: bool = False
    check_missing_sslmode: bool = True

    def is_local(self, hosts: Iterable[str]) -> bool:
        """True when every host is local (no host at all means the local socket)."""
        return all(self.is_local_host(host) for host in hosts)

    def is_local_host(self, host: str) -> bool:
        """True when ``host`` is loopback, a socket path, or matches ``local_hosts``."""
        if is_local_host(host):
            return True
        lowered = host.lower()
        return any(fnmatch.fnmatchcase(lowered, pattern.lower()) for pattern in self.local_hosts)

    def ignores_hosts(self, hosts: Iterable[str]) -> bool:
        """True when findings about these hosts are switched off (local and not checked)."""
        return not self.check_local_hosts and self.is_local(hosts)


def parse_bool(option: str, value: object) -> bool:
    """Read a yes/no option value (bool, or true/false/yes/no/on/off/1/0)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingsError(f"{option}: expected true or false, got {value!r}")


def parse_host_list(option: str, value: object) -> tuple[str, ...]:
    """Read a comma- or whitespace-separated list of host names or patterns."""
    if isinstance(value, str):
        items = value.replace(",", " ").split()
    elif isinstance(value, (list, tuple)):
        items = [str(item).strip() for item in value]
    else:
        raise SettingsError(f"{option}: expected a list of host names, got {value!r}")
    for item in items:
        if not item or any(char in item for char in "=/'\"\\") or item.strip() != item:
            raise SettingsError(f"{option}: {item!r} is not a host name or pattern")
    return tuple(items)


@dataclass(frozen=True)
class Option:
    """One linter option: ``name`` in pyproject.toml and on the command line (flake8: ``--neon-<name>``)."""

    name: str
    field: str
    """The :class:`Settings` field it sets."""
    parse: Callable[[str, object], object]
    default: str
    """The default as a user would write it."""
    help: str

    @property
    def flake8_flag(self) -> str:
        return f"--neon-{self.name}"

    @property
    def flake8_dest(self) -> str:
        return f"neon_{self.field}"


#: The linter's options, declared once: the CLI, pyproject.toml and flake8 are generated from it.
OPTIONS: tuple[Option, ...] = (
    Option(
        "local-hosts",
        "local_hosts",
        parse_host_list,
        "",
        "extra host names or patterns (comma-separated, e.g. db,*.internal) treated as local and not "
        "reported, like localhost",
    ),
    Option(
        "check-local-hosts",
        "check_local_hosts",
        parse_bool,
        "false",
        "report connections to local hosts too (true/false)",
    ),
    Option(
        "check-missing-sslmode",
        "check_missing_sslmode",
        parse_bool,
        "true",
        f"report remote connections that set no sslmode at all: {', '.join(sorted(MISSING_SSLMODE_CODES))} "
        "(true/false)",
    ),
)


def settings_from(values: Mapping[str, object]) -> Settings:
    """:class:`Settings` from option values keyed by option name; absent options keep their defaults."""
    fields = {
        option.field: option.parse(option.name, values[option.name]) for option in OPTIONS if option.name in values
    }
    return Settings(**fields)  # type: ignore[arg-type]
