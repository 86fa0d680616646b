"""A Neon branch for a test run: created once, shared by every process of the run, deleted once.

:class:`SessionBranch` is the run's branch as one pytest process sees it:

* The process that owns it (the only one, or pytest-xdist's controller) creates it with
  :meth:`~.neon_api.NeonApi.create_ready_branch`: a child of the parent branch (default: the
  project's default branch) named :attr:`SessionBranch.name`, with one read-write endpoint and an
  ``expires_at`` a little past the run, so that a run that crashes cannot leak it for long. It
  deletes it in :meth:`SessionBranch.close`, which the plugin calls at the end of the run, after
  Ctrl-C too. When Ctrl-C arrives while Neon is still answering the create request, the branch's
  id is unknown; ``close`` then looks for it by its name.
* pytest-xdist workers borrow it: the controller passes :meth:`SessionBranch.handover` to each
  worker, which rebuilds it with :meth:`SessionBranch.borrowed` and never creates or deletes it.
* :meth:`SessionBranch.create_own` makes a branch for a single test (the ``neon_branch`` fixture).
  Neon refuses to branch from a branch that has an expiration, and the session's branch has one,
  so a test's own branch is a child of the session's *parent*: the same data the session's branch
  started from, without what the session itself committed.

Connection URIs are used as Neon gives them and hardened like any DSN
(:func:`~.target.harden`: verify-full against :attr:`~.config.BranchConfig.root`, channel binding).
"""

from __future__ import annotations

import datetime
import re
import secrets
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pytest

from flake8_neon.conninfo import parse

from .config import BranchConfig
from .connect import connect
from .errors import NeonTlsError
from .neon_api import Branch, BranchNotReady, NeonApi, NeonApiError, ReadyBranch
from .target import RedactedStr, Target, harden

#: Longest name Neon accepts for a branch.
MAX_NAME = 256
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


class NeonBranchWarning(pytest.PytestWarning):
    """neon-tls could not delete a Neon branch it made; Neon removes it when it expires."""


@dataclass(frozen=True)
class SharedBranch:
    """What every process of a run knows of the session's branch (plain values: xdist sends them)."""

    project_id: str
    id: str
    name: str
    parent_id: str
    parent_name: str
    endpoint_host: str
    expires_at: str | None
    connection_uri: str
    seconds: float  # from the create request until the endpoint was ready

    def __repr__(self) -> str:
        return f"<SharedBranch {self.name} ({self.id}) of {self.parent_name}>"


@dataclass(frozen=True, repr=False)
class NeonBranch:
    """A branch made for one test by ``neon_branch``: Neon's ids and a verify-full target.

    ``dsn`` is the hardened connection string for any driver (its repr masks the password);
    :meth:`connect` opens a psycopg connection proven to be verify-full.
    """

    id: str
    name: str
    parent_id: str
    endpoint_host: str
    expires_at: str | None
    target: Target
    seconds: float

    @property
    def dsn(self) -> RedactedStr:
        return self.target.dsn

    def connect(self, **kwargs: Any) -> Any:
        """A new psycopg connection to this branch, verify-full with channel binding, proven."""
        return connect(self.target, **kwargs)

    def __repr__(self) -> str:
        return f"<NeonBranch {self.name} ({self.id})>"


class SessionBranch:
    """The run's branch as this process sees it (see the module docstring)."""

    def __init__(
        self,
        settings: BranchConfig,
        *,
        remember: Callable[[Mapping[str, str]], None],
        owner: bool = True,
        name: str | None = None,
    ) -> None:
        """``remember`` is given the settings of every connection URI Neon hands out (to mask passwords)."""
        assert settings.enabled and settings.api_key is not None and settings.project_id is not None
        self.settings = settings
        self._remember = remember
        self.owner = owner
        self.project_id = settings.project_id
        self.name = name or _session_name()
        self.api = NeonApi(settings.api_key, settings.api_url)
        self.shared: SharedBranch | None = None
        self.failure: str | None = None
        self.delete_seconds: float | None = None
        self.delete_problem: str | None = None
        self._parent: Branch | None = None
        self._maybe_created = False  # a create request was cut short: the branch may exist unseen
        self._own: dict[str, NeonBranch] = {}
        self.own_made: list[float] = []  # seconds each of this process's neon_branch branches took

    def __repr__(self) -> str:
        role = "owner" if self.owner else "borrowed"
        return f"<SessionBranch {self.name} {role} project={self.project_id}>"

    # -- the session's branch -------------------------------------------------------------

    def create(self) -> SharedBranch:
        """Create the branch once (owner only); a failure is kept and raised again on every call."""
        if self.shared is not None:
            return self.shared
        if self.failure is not None:
            raise NeonApiError(self.failure)
        assert self.owner, "a pytest-xdist worker borrows the controller's branch; it never makes one"
        try:
            parent = self.parent()
            self._maybe_created = True
            ready = self.api.create_ready_branch(
                self.project_id,
                parent_id=parent.id,
                name=self.name,
                expires_at=self._expiry(),
                timeout=self.settings.timeout,
            )
            self._maybe_created = False
        except NeonTlsError as error:
            self._maybe_created = False  # Neon answered: the client deleted whatever it had made
            self.failure = (
                f"neon-tls could not make the Neon branch {self.name} for this run: {error}{self._longer(error)}"
            )
            raise NeonApiError(self.failure) from None
        self._remember(parse(ready.connection_uri).params)
        self.shared = _shared(ready, parent)
        return self.shared

    def target(self) -> Target:
        """The hardened target of the session's branch, creating the branch first if this process owns it."""
        shared = self.create() if self.owner else self._borrowed()
        return self._harden(shared.connection_uri)

    def handover(self) -> dict[str, Any]:
        """What a pytest-xdist worker needs: the branch, or why there is none."""
        return {"name": self.name, "shared": asdict(self.shared) if self.shared else None, "failure": self.failure}

    @classmethod
    def borrowed(
        cls, settings: BranchConfig, handover: Mapping[str, Any], *, remember: Callable[[Mapping[str, str]], None]
    ) -> SessionBranch:
        """A worker's view of the controller's branch (:meth:`handover`)."""
        branch = cls(settings, remember=remember, owner=False, name=handover["name"])
        if handover.get("shared"):
            branch.shared = SharedBranch(**handover["shared"])
            remember(parse(branch.shared.connection_uri).params)
        branch.failure = handover.get("failure")
        return branch

    def _borrowed(self) -> SharedBranch:
        if self.shared is None:
            raise NeonApiError(self.failure or "neon-tls: the pytest-xdist controller made no Neon branch")
        return self.shared

    def parent(self) -> Branch:
        """The parent branch (as configured, else the project's default), looked up once."""
        if self._parent is None:
            wanted = self.settings.parent
            if wanted:
                self._parent = self.api.find_branch(self.project_id, wanted)
            else:
                self._parent = self.api.default_branch(self.project_id)
        return self._parent

    # -- a branch of a test's own ---------------------------------------------------------

    def create_own(self, label: str) -> NeonBranch:
        """A new branch of the session's parent for one test, ready to connect to.

        Named ``<the run's branch name>/<label>-<6 hex digits>``.
        """
        if self.shared is not None:
            parent_id = self.shared.parent_id
        else:
            parent_id = self.parent().id
        # unique: the same test may run in several processes at once (xdist --dist each, re-runs)
        label = (_UNSAFE.sub("-", label).strip("-") or "test")[: MAX_NAME - len(self.name) - 8]
        name = f"{self.name}/{label}-{secrets.token_hex(3)}"
        try:
            ready = self.api.create_ready_branch(
                self.project_id,
                parent_id=parent_id,
                name=name,
                expires_at=self._expiry(),
                timeout=self.settings.timeout,
            )
        except NeonApiError as error:
            message = f"neon-tls could not make a Neon branch for this test: {error}{self._longer(error)}"
            raise NeonApiError(message) from None
        self._remember(parse(ready.connection_uri).params)
        own = NeonBranch(
            ready.branch.id,
            ready.branch.name,
            parent_id,
            ready.endpoint.host,
            ready.branch.expires_at,
            self._harden(ready.connection_uri),
            ready.seconds,
        )
        self._own[own.id] = own
        self.own_made.append(own.seconds)
        return own

    def delete_own(self, own: NeonBranch) -> str | None:
        """Delete a test's branch; the problem, said in full, if Neon could not."""
        self._own.pop(own.id, None)
        return self._delete(own.id, own.name, own.expires_at)

    # -- the end ----------------------------------------------------------------------------

    def close(self) -> None:
        """Delete what this process made and still exists (idempotent; the owner deletes the run's branch)."""
        for own in list(self._own.values()):
            problem = self.delete_own(own)
            if problem:
                self.delete_problem = "\n".join(filter(None, (self.delete_problem, problem)))
        if not self.owner:
            return
        if self.shared is not None and self.delete_seconds is None:
            started = time.monotonic()
            problem = self._delete(self.shared.id, self.name, self.shared.expires_at)
            self.delete_seconds = time.monotonic() - started
            if problem:
                self.delete_problem = "\n".join(filter(None, (self.delete_problem, problem)))
        elif self._maybe_created:
            self._maybe_created = False
            self._sweep_by_name()

    def _sweep_by_name(self) -> None:
        """Delete the branch a cut-short create request may have made (its name is this run's)."""
        try:
            found = [branch for branch in self.api.list_branches(self.project_id) if branch.name == self.name]
        except NeonApiError as error:
            self.delete_problem = (
                f"neon-tls could not check whether Neon made the branch {self.name} before the run was "
                f"interrupted: {error} If it did, it expires {self.settings.lifetime_minutes:g} minutes after "
                "it was made."
            )
            return
        for branch in found:
            problem = self._delete(branch.id, branch.name, branch.expires_at)
            if problem:
                self.delete_problem = problem

    def _delete(self, branch_id: str, name: str, expires_at: str | None) -> str | None:
        try:
            self.api.delete_branch(self.project_id, branch_id)
        except NeonApiError as error:
            if error.status == 404:
                return None  # gone already (expired, or deleted by someone else)
            when = f"at {expires_at}" if expires_at else "when it expires"
            return (
                f"neon-tls could not delete the Neon branch {name} ({branch_id}): {error} Neon deletes it by "
                f"itself {when}; to remove it sooner: Console > Branches, or `neon branches delete {branch_id} "
                f"--project-id {self.project_id}`."
            )
        return None

    # -- what the terminal shows ------------------------------------------------------------

    def header_lines(self) -> list[str]:
        settings = self.settings
        parent = settings.parent or "the project's default branch"
        where = f"project {self.project_id} ({settings.api_url})"
        if self.shared is not None:
            shared = self.shared
            first = (
                f"neon-tls: target Neon branch {shared.name} ({shared.id}) of {shared.parent_name}, endpoint "
                f"{shared.endpoint_host}, {where}: ready in {shared.seconds:.2f} s, shared by every worker, "
                f"deleted at the end (expires at {shared.expires_at})"
            )
        elif self.failure is not None:
            first = f"neon-tls: no Neon branch for this run; neon tests will error: {self.failure}"
        else:
            first = (
                f"neon-tls: target a new Neon branch {self.name} of {parent}, {where}: made when the first "
                f"neon test starts, deleted at the end (expires {settings.lifetime_minutes:g} min after it is made)"
            )
        root = settings.root.describe() if settings.root is not None else "automatic"
        return [first, f"neon-tls: sslmode verify-full with channel binding; root bundle {root}"]

    def summary_lines(self) -> list[str]:
        lines = []
        if self.shared is not None:
            deleted = f"deleted in {self.delete_seconds:.2f} s" if self.delete_seconds is not None else "not deleted"
            lines.append(
                f"neon-tls: Neon branch {self.shared.name} ({self.shared.id}): made and ready in "
                f"{self.shared.seconds:.2f} s, {deleted}"
            )
        if self.own_made:
            lines.append(
                f"neon-tls: neon_branch made {len(self.own_made)} branch(es) of their own for tests, ready in "
                f"{statistics.median(self.own_made):.2f} s (median)"
            )
        return lines

    # -- internals --------------------------------------------------------------------------

    def _longer(self, error: Exception) -> str:
        if not isinstance(error, BranchNotReady):
            return ""
        return f" To wait longer: --neon-branch-timeout (now {self.settings.timeout:g} s)."

    def _expiry(self) -> datetime.datetime:
        now = datetime.datetime.now(datetime.timezone.utc)
        return now + datetime.timedelta(minutes=self.settings.lifetime_minutes)

    def _harden(self, uri: str) -> Target:
        assert self.settings.root is not None
        hardened = harden(parse(uri), self.settings.root)
        return Target(hardened.conninfo, self.settings.root, embedded=False)


def _shared(ready: ReadyBranch, parent: Branch) -> SharedBranch:
    return SharedBranch(
        ready.project_id,
        ready.branch.id,
        ready.branch.name,
        parent.id,
        parent.name,
        ready.endpoint.host,
        ready.branch.expires_at,
        str(ready.connection_uri),
        ready.seconds,
    )


def _session_name() -> str:
    """``pytest/<UTC time>-<6 hex digits>``: sorts by time in the Console, unique per run."""
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"pytest/{stamp}-{secrets.token_hex(3)}"
