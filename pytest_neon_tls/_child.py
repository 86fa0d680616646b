"""Server programs as child processes: the account they run as, their private directory, their end.

Both executors (:mod:`pytest_neon_tls.server`, :mod:`pytest_neon_tls.pooler`) run a server
program that refuses to run as root (PostgreSQL, PgBouncer). :class:`Account` decides who runs
it and gives the child that identity:

* not root: ourselves, unless ``$NEON_TLS_PG_USER`` names another account (an error: only root
  can hand a process to another account);
* root: the account ``$NEON_TLS_PG_USER`` names (it must exist and not be root), else
  ``nobody``, an account that owns no data. A misspelt or unusable name is an error, never a
  fall-back.

A child's files are written ``0600`` and owned by that account; its directory lives under the
system temporary directory with an ``owner.pid`` file, so :func:`sweep_stale_directories` can
remove what a killed test process left behind. On Linux the child gets SIGINT when the test
process dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

#: Environment variable naming the account to run the server programs as when running as root.
ACCOUNT_ENV = "NEON_TLS_PG_USER"
LISTEN_ADDRESS = "127.0.0.1"
#: Every child directory's name starts with this; the sweep looks for it.
DIR_PREFIX = "neon-tls-"
_DEFAULT_ACCOUNT = "nobody"
_OWNER_FILE = "owner.pid"
_CHILD_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "LANG": "C"}


class AccountError(RuntimeError):
    """No usable account to run a server program as; the message names the fix."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (callers retry if it is taken)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LISTEN_ADDRESS, 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Account:
    """Who the children run as: ``entry`` (another account, when we are root) or ourselves (None)."""

    entry: pwd.struct_passwd | None

    @classmethod
    def for_children(cls) -> Account:
        """The account to run server programs as (see the module docstring)."""
        root = os.geteuid() == 0
        name = os.environ.get(ACCOUNT_ENV, "")
        if not name:
            if not root:
                return cls(None)
            try:
                return cls(pwd.getpwnam(_DEFAULT_ACCOUNT))
            except KeyError:
                raise AccountError(
                    f"running as root, and there is no '{_DEFAULT_ACCOUNT}' account to run PostgreSQL as (it "
                    f"refuses root). Fix: set {ACCOUNT_ENV} to an unprivileged account that owns no data."
                ) from None
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            raise AccountError(
                f"{ACCOUNT_ENV}={name!r} names no account on this machine. Fix: set it to an existing "
                f"unprivileged account, or unset it to run the embedded server as '{_DEFAULT_ACCOUNT}'."
            ) from None
        if account.pw_uid == 0:
            raise AccountError(
                f"{ACCOUNT_ENV}={name!r} is root, and PostgreSQL and PgBouncer refuse to run as root. Fix: name "
                f"an unprivileged account, or unset it to run the embedded server as '{_DEFAULT_ACCOUNT}'."
            )
        if not root and account.pw_uid != os.geteuid():
            raise AccountError(
                f"{ACCOUNT_ENV}={name!r}, but only root can run the embedded server as another account. "
                f"Fix: unset {ACCOUNT_ENV} to run it as yourself."
            )
        return cls(account if root else None)

    def make_directory(self, prefix: str, parent: Path | None = None) -> Path:
        """A new private directory for a child (under ``parent``, else the system temp directory).

        Under the system temp directory it records its owner process for
        :func:`sweep_stale_directories`, which runs first.
        """
        if parent is not None:
            parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        sweep_stale_directories()
        directory = Path(tempfile.mkdtemp(prefix=prefix))
        (directory / _OWNER_FILE).write_text(str(os.getpid()))
        if self.entry is not None:
            os.chown(directory, self.entry.pw_uid, self.entry.pw_gid)
        return directory

    def write(self, path: Path, content: bytes) -> None:
        """Write a file only the child's account can read."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.chmod(path, 0o600)
        if self.entry is not None:
            os.chown(path, self.entry.pw_uid, self.entry.pw_gid)

    def run(self, argv: Sequence[str], directory: Path, input: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run a program to completion as the account, its output captured."""
        return subprocess.run(
            argv, input=input, capture_output=True, text=True, timeout=120, **self._identity(directory)
        )

    def spawn(
        self, argv: Sequence[str], directory: Path, output: IO[bytes] | int = subprocess.DEVNULL
    ) -> subprocess.Popen[bytes]:
        """Start a long-running server program as the account, in its own session (Ctrl-C reaches
        pytest, which then stops it), ending with the test process on Linux."""
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT if output != subprocess.DEVNULL else subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent(),
            **self._identity(directory),
        )

    def _identity(self, directory: Path) -> dict[str, Any]:
        if self.entry is None:
            return {}
        return {
            "user": self.entry.pw_uid,
            "group": self.entry.pw_gid,
            "extra_groups": [],
            "env": {**_CHILD_ENV, "HOME": self.entry.pw_dir, "USER": self.entry.pw_name},
            "cwd": str(directory),
        }


def wait_until(ready: Callable[[], bool], alive: Callable[[], bool], timeout: float) -> bool:
    """Poll ``ready`` until it holds (True), the child died or ``timeout`` passed (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return True
        if not alive():
            return False
        time.sleep(0.01)
    return False


def stop(process: subprocess.Popen[bytes] | None, escalation: Sequence[tuple[signal.Signals, float]]) -> None:
    """Send each signal in turn until the process exits within that signal's grace period."""
    if process is None or process.poll() is not None:
        return
    for sig, grace in escalation:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
        try:
            process.wait(grace)
            return
        except subprocess.TimeoutExpired:
            continue


def log_tail(path: Path, lines: int = 15) -> str:
    """The last ``lines`` lines of a child's log, for an error message."""
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def sweep_stale_directories(parent: Path | None = None) -> None:
    """Remove child directories whose test process no longer exists."""
    root = Path(parent or tempfile.gettempdir())
    for directory in root.glob(DIR_PREFIX + "*"):
        try:
            owner = int((directory / _OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if not _alive(owner):
            shutil.rmtree(directory, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, a pre-exec hook that sends the child SIGINT when the test process dies, even by
    SIGKILL (PostgreSQL: fast shutdown; PgBouncer: immediate exit). Resolved before fork: the
    child must not import."""
    if sys.platform != "linux":
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def set_parent_death_signal() -> None:  # pragma: no cover - runs between fork and exec
        prctl(pr_set_pdeathsig, int(signal.SIGINT))

    return set_parent_death_signal
