"""Where the server programs are: ``initdb`` and ``postgres`` for the embedded server, ``pgbouncer``.

:func:`find_binaries` and :func:`find_pgbouncer` look in the places the package managers use
and say how to install the programs when they are missing. They run no server and import
nothing heavy, so the header and ``make`` can call them cheaply.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

#: Environment variable naming the directory holding ``initdb`` and ``postgres``.
BINDIR_ENV = "NEON_TLS_PG_BINDIR"


class ServerUnavailable(RuntimeError):
    """PostgreSQL binaries are missing; the message says how to install or point at them."""


@dataclass(frozen=True)
class PostgresBinaries:
    """The directory with ``initdb`` and ``postgres``, and where it was found."""

    bindir: Path
    source: str

    def path(self, program: str) -> str:
        return str(self.bindir / program)


def find_binaries(override: str | None = None) -> PostgresBinaries:
    """Locate ``initdb`` and ``postgres``.

    Order: ``override`` (option/ini), ``$NEON_TLS_PG_BINDIR``, ``PATH``, ``pg_config --bindir``,
    then the newest of the usual package locations (Debian/Ubuntu, RHEL, Homebrew, source builds).
    """
    candidates: list[tuple[str, str]] = []
    if override:
        candidates.append((override, "--neon-pg-bindir"))
    if os.environ.get(BINDIR_ENV):
        candidates.append((os.environ[BINDIR_ENV], BINDIR_ENV))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append((str(Path(on_path).parent), "PATH"))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True)
            candidates.append((result.stdout.strip(), "pg_config --bindir"))
    patterns = (
        "/usr/lib/postgresql/*/bin",
        "/usr/pgsql-*/bin",
        "/opt/homebrew/opt/postgresql@*/bin",
        "/usr/local/opt/postgresql@*/bin",
        "/usr/local/pgsql/bin",
    )
    for pattern in patterns:
        for found in sorted(glob.glob(pattern), key=_version_key, reverse=True):
            candidates.append((found, pattern))
    for directory, source in candidates:
        bindir = Path(directory)
        if all(os.access(bindir / program, os.X_OK) for program in ("initdb", "postgres")):
            return PostgresBinaries(bindir, source)
        if source in ("--neon-pg-bindir", BINDIR_ENV):
            raise ServerUnavailable(
                f"{source} is {directory!r}, which has no executable initdb and postgres. Fix: "
                "point it at the directory holding them (e.g. /usr/lib/postgresql/17/bin)."
            )
    raise ServerUnavailable(
        "no PostgreSQL server binaries (initdb, postgres) found on PATH, via pg_config, or in "
        "/usr/lib/postgresql/*/bin. Fix: install them (Debian/Ubuntu: `apt-get install "
        "postgresql`, Fedora: `dnf install postgresql-server`, macOS: `brew install "
        f"postgresql@17`), set {BINDIR_ENV}=/path/to/bin, or pass --neon-dsn to use Neon."
    )


def _version_key(path: str) -> tuple[int, ...]:
    digits = "".join(ch if ch.isdigit() else " " for ch in path).split()
    return tuple(int(part) for part in digits)


#: Environment variable naming the ``pgbouncer`` program to use instead of searching for one.
PGBOUNCER_ENV = "NEON_TLS_PGBOUNCER"
#: Where package managers put PgBouncer when it is not on ``PATH`` (Debian: ``/usr/sbin``).
PGBOUNCER_LOCATIONS = ("/usr/sbin/pgbouncer", "/usr/local/bin/pgbouncer", "/opt/homebrew/bin/pgbouncer")


class PoolerUnavailable(RuntimeError):
    """PgBouncer is missing; the message says how to install it or point at it."""


def find_pgbouncer() -> Path:
    """Locate ``pgbouncer``: ``$NEON_TLS_PGBOUNCER``, ``PATH``, then :data:`PGBOUNCER_LOCATIONS`.

    Neon's ``-pooler`` route is PgBouncer in transaction mode; the pooled embedded mode and the
    tests of that route run a real one.
    """
    override = os.environ.get(PGBOUNCER_ENV)
    if override:
        if os.access(override, os.X_OK) and Path(override).is_file():
            return Path(override)
        raise PoolerUnavailable(
            f"{PGBOUNCER_ENV} is {override!r}, which is not an executable file. Fix: point it at the pgbouncer "
            "program (e.g. /usr/sbin/pgbouncer), or unset it to search PATH and the usual places."
        )
    for candidate in (shutil.which("pgbouncer"), *PGBOUNCER_LOCATIONS):
        if candidate and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise PoolerUnavailable(
        "pgbouncer not found on PATH or in " + ", ".join(PGBOUNCER_LOCATIONS) + ". Fix: install it "
        "(Debian/Ubuntu: `apt-get install pgbouncer`, Fedora: `dnf install pgbouncer`, macOS: "
        f"`brew install pgbouncer`), or set {PGBOUNCER_ENV}=/path/to/pgbouncer."
    )
