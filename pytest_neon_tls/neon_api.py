"""A small typed client of Neon's API v2, for a branch per test session.

:meth:`NeonApi.create_ready_branch` does what a session needs in one call: create a branch of a
parent (the project's default branch unless named) with one read-write endpoint and an
expiration, wait for the branch's operations and until the endpoint is ready, and return the
connection URI that Neon gives for it, unchanged (harden it like any DSN).
:meth:`NeonApi.delete_branch` removes it again. The smaller calls (list, get, create, wait,
connection URI) are public too.

Neon's official Python client (``neon-api``) is not used: it needs ``requests`` and ``pydantic``,
its ``connection_uri()`` takes no ``branch_id`` or ``endpoint_id``, the model ``branch_create()``
returns drops ``endpoints`` and ``connection_uris``, and its errors carry the body's text but not
the status code. This client is the standard library's urllib (see :mod:`._neon_http`).

Nothing here shows the API key, and connection URIs are :class:`~.connect.RedactedStr`, whose
``repr`` masks the password. Errors are :class:`NeonApiError` (:mod:`._neon_errors`).
"""

from __future__ import annotations

import datetime
import itertools
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ._neon_errors import BranchNotReady, NeonApiError, NeonApiSettingError
from ._neon_http import ApiKey, RetryPolicy, Transport
from .target import RedactedStr

__all__ = [
    "API_KEY_ENV",
    "API_URL_ENV",
    "DEFAULT_API_URL",
    "ApiKey",
    "Branch",
    "BranchNotReady",
    "CreatedBranch",
    "Endpoint",
    "NeonApi",
    "NeonApiError",
    "NeonApiSettingError",
    "Operation",
    "ReadyBranch",
    "RetryPolicy",
    "rfc3339",
]

DEFAULT_API_URL = "https://console.neon.tech/api/v2"
API_URL_ENV = "NEON_API_URL"
API_KEY_ENV = "NEON_API_KEY"

#: Pauses between polls of an operation or endpoint; the last one repeats until the deadline.
POLL_PAUSES = (0.1, 0.2, 0.4, 0.8, 1.0)
_OPERATION_DONE = frozenset({"finished", "skipped"})
_OPERATION_FAILED = frozenset({"failed", "error", "cancelled"})


@dataclass(frozen=True)
class Branch:
    id: str
    name: str
    parent_id: str | None
    default: bool
    current_state: str
    expires_at: str | None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Branch:
        return cls(
            id=data["id"],
            name=data.get("name", ""),
            parent_id=data.get("parent_id"),
            # ``primary`` is the older name of ``default``; both appear in Neon's answers.
            default=bool(data.get("default", data.get("primary", False))),
            current_state=data.get("current_state", ""),
            expires_at=data.get("expires_at"),
        )


@dataclass(frozen=True)
class Endpoint:
    id: str
    host: str
    branch_id: str
    type: str
    current_state: str
    pending_state: str | None

    @property
    def ready(self) -> bool:
        """Started (``active``), or suspended with nothing pending (``idle``: a connection wakes it)."""
        return self.pending_state is None and self.current_state in ("active", "idle")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Endpoint:
        return cls(
            id=data["id"],
            host=data.get("host", ""),
            branch_id=data.get("branch_id", ""),
            type=data.get("type", ""),
            current_state=data.get("current_state", ""),
            pending_state=data.get("pending_state") or None,
        )


@dataclass(frozen=True)
class Operation:
    id: str
    action: str
    status: str
    error: str | None

    @property
    def done(self) -> bool:
        return self.status in _OPERATION_DONE

    @property
    def failed(self) -> bool:
        return self.status in _OPERATION_FAILED

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Operation:
        return cls(id=data["id"], action=data.get("action", ""), status=data.get("status", ""), error=data.get("error"))


@dataclass(frozen=True)
class _ConnectionUri:
    database: str
    role: str
    uri: RedactedStr


@dataclass(frozen=True)
class CreatedBranch:
    """Neon's answer to creating a branch: the branch, its endpoints, operations, databases and roles.

    ``database_owners`` maps each database name to its owner role. ``connection_uris`` are only
    present when the branch has a single database and role, as Neon sends them.
    """

    branch: Branch
    endpoints: tuple[Endpoint, ...]
    operations: tuple[Operation, ...]
    database_owners: dict[str, str]
    roles: tuple[str, ...]
    connection_uris: tuple[_ConnectionUri, ...]

    @property
    def read_write_endpoint(self) -> Endpoint | None:
        return next((endpoint for endpoint in self.endpoints if endpoint.type == "read_write"), None)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CreatedBranch:
        return cls(
            branch=Branch.from_json(data["branch"]),
            endpoints=tuple(Endpoint.from_json(item) for item in data.get("endpoints") or ()),
            operations=tuple(Operation.from_json(item) for item in data.get("operations") or ()),
            database_owners={item["name"]: item.get("owner_name", "") for item in data.get("databases") or ()},
            roles=tuple(item["name"] for item in data.get("roles") or ()),
            connection_uris=tuple(
                _ConnectionUri(
                    item["connection_parameters"]["database"],
                    item["connection_parameters"]["role"],
                    RedactedStr(item["connection_uri"]),
                )
                for item in data.get("connection_uris") or ()
            ),
        )


@dataclass(frozen=True)
class ReadyBranch:
    """A created branch whose endpoint is ready, with the connection URI Neon gave for it."""

    project_id: str
    branch: Branch
    endpoint: Endpoint
    database: str
    role: str
    connection_uri: RedactedStr  # exactly as Neon sent it; its repr masks the password
    seconds: float  # from the create request until ready


class NeonApi:
    """A client of Neon's API v2 at ``base_url`` (default: Neon's own) with one API key.

    ``base_url`` must be ``https://``, or ``http://`` to a loopback address (a local stand-in);
    anything else raises :class:`NeonApiSettingError` before the key is sent anywhere.
    """

    def __init__(
        self,
        api_key: str | ApiKey,
        base_url: str = DEFAULT_API_URL,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
    ) -> None:
        try:
            key = api_key if isinstance(api_key, ApiKey) else ApiKey(api_key)
        finally:
            del api_key  # no plain key in this frame's locals, even when ApiKey refuses it
        self._http = Transport(base_url, key, timeout=timeout, retry=retry)

    @property
    def base_url(self) -> str:
        return self._http.base_url

    def __repr__(self) -> str:
        return f"<NeonApi {self.base_url} key=****>"

    # -- branches -------------------------------------------------------------------------

    def list_branches(self, project_id: str) -> list[Branch]:
        """Every branch of the project (following Neon's cursor pagination)."""
        branches: list[Branch] = []
        query: dict[str, str] = {}
        while True:
            answer = self._http.request(
                "GET",
                _path("projects", project_id, "branches"),
                query=query,
                action=f"list the branches of project {project_id!r}",
            )
            page = [Branch.from_json(item) for item in answer.get("branches") or ()]
            branches.extend(page)
            cursor = (answer.get("pagination") or {}).get("next")
            if not page or not cursor or query.get("cursor") == cursor:
                return branches
            query = {"cursor": cursor}

    def get_branch(self, project_id: str, branch_id: str) -> Branch:
        return Branch.from_json(self._get(project_id, "branches", branch_id, "branch"))

    def default_branch(self, project_id: str) -> Branch:
        """The project's default branch (where Neon branches from when no parent is named)."""
        branches = self.list_branches(project_id)
        for branch in branches:
            if branch.default:
                return branch
        raise NeonApiError(
            f"Neon API: project {project_id!r} has no default branch among its {len(branches)} branches. "
            "Fix: name the parent branch explicitly, or set a default branch in the Console."
        )

    def find_branch(self, project_id: str, name_or_id: str) -> Branch:
        """The branch with this id (``br-...``) or name."""
        if name_or_id.startswith("br-"):
            return self.get_branch(project_id, name_or_id)
        branches = self.list_branches(project_id)
        for branch in branches:
            if branch.name == name_or_id:
                return branch
        names = sorted(branch.name for branch in branches)
        listed = ", ".join(names[:20]) + (f" and {len(names) - 20} more" if len(names) > 20 else "") or "none"
        raise NeonApiError(
            f"Neon API: project {project_id!r} has no branch named {name_or_id!r} (its branches: {listed}). "
            "Fix: name an existing branch, by name or by id (br-...)."
        )

    def create_branch(
        self,
        project_id: str,
        *,
        parent_id: str | None = None,
        name: str | None = None,
        expires_at: datetime.datetime | None = None,
    ) -> CreatedBranch:
        """Create a branch with one read-write endpoint; Neon answers before either is ready."""
        branch: dict[str, Any] = {}
        if parent_id:
            branch["parent_id"] = parent_id
        if name:
            branch["name"] = name
        if expires_at is not None:
            branch["expires_at"] = rfc3339(expires_at)
        answer = self._http.request(
            "POST",
            _path("projects", project_id, "branches"),
            body={"branch": branch, "endpoints": [{"type": "read_write"}]},
            action=f"create a branch of {parent_id or 'the default branch'!s} in project {project_id!r}",
        )
        return CreatedBranch.from_json(answer)

    def delete_branch(self, project_id: str, branch_id: str, *, wait: float | None = None) -> tuple[Operation, ...]:
        """Delete the branch and its endpoint; with ``wait``, wait up to that many seconds for Neon's operations."""
        answer = self._http.request(
            "DELETE",
            _path("projects", project_id, "branches", branch_id),
            action=f"delete branch {branch_id!r} of project {project_id!r}",
        )
        operations = tuple(Operation.from_json(item) for item in answer.get("operations") or ())
        if wait is not None:
            self.wait_for_operations(project_id, operations, deadline=time.monotonic() + wait)
        return operations

    # -- endpoints, operations, connection URIs -------------------------------------------

    def get_endpoint(self, project_id: str, endpoint_id: str) -> Endpoint:
        return Endpoint.from_json(self._get(project_id, "endpoints", endpoint_id, "endpoint"))

    def get_operation(self, project_id: str, operation_id: str) -> Operation:
        return Operation.from_json(self._get(project_id, "operations", operation_id, "operation"))

    def wait_for_operations(self, project_id: str, operations: Iterable[Operation], *, deadline: float) -> None:
        """Poll until every operation finished; Neon refuses new changes to a project while any runs."""
        pending = list(operations)
        pauses = _pauses(deadline)
        while True:
            for operation in pending:
                if operation.failed:
                    raise NeonApiError(
                        f"Neon API: operation {operation.action} ({operation.id}) of project {project_id!r} "
                        f"{operation.status}: {operation.error or 'no reason given'}. Fix: see the project's "
                        "operations in the Console (Monitoring > Operations), then run again."
                    )
            pending = [operation for operation in pending if not operation.done]
            if not pending:
                return
            pause = next(pauses, None)
            if pause is None:
                running = ", ".join(f"{operation.action} ({operation.status})" for operation in pending)
                raise BranchNotReady(
                    f"Neon API: operations of project {project_id!r} were still running when the wait ended: "
                    f"{running}. Fix: run again; if Neon is slow to start computes, allow a longer wait."
                )
            time.sleep(pause)
            pending = [self.get_operation(project_id, operation.id) for operation in pending]

    def wait_for_endpoint(self, project_id: str, endpoint_id: str, *, deadline: float) -> Endpoint:
        """Poll the endpoint until it is :attr:`~Endpoint.ready` (``current_state``)."""
        pauses = _pauses(deadline)
        while True:
            endpoint = self.get_endpoint(project_id, endpoint_id)
            if endpoint.ready:
                return endpoint
            pause = next(pauses, None)
            if pause is None:
                pending = f" (pending: {endpoint.pending_state})" if endpoint.pending_state else ""
                raise BranchNotReady(
                    f"Neon API: endpoint {endpoint_id} of project {project_id!r} was still "
                    f"{endpoint.current_state!r}{pending} when the wait ended. Fix: run again; if Neon is slow "
                    "to start computes, allow a longer wait."
                )
            time.sleep(pause)

    def connection_uri(
        self,
        project_id: str,
        *,
        branch_id: str,
        endpoint_id: str,
        database_name: str,
        role_name: str,
        pooled: bool = False,
    ) -> RedactedStr:
        """The connection URI Neon gives for this endpoint, database and role (its repr masks the password).

        ``pooled`` asks for the ``-pooler`` host (PgBouncer in transaction mode).
        """
        query = {
            "branch_id": branch_id,
            "endpoint_id": endpoint_id,
            "database_name": database_name,
            "role_name": role_name,
        }
        if pooled:
            query["pooled"] = "true"
        answer = self._http.request(
            "GET",
            _path("projects", project_id, "connection_uri"),
            query=query,
            action=f"get the connection URI of database {database_name!r} on branch {branch_id!r}",
        )
        return RedactedStr(answer["uri"])

    # -- the whole sequence ---------------------------------------------------------------

    def create_ready_branch(
        self,
        project_id: str,
        *,
        parent_id: str | None = None,
        name: str | None = None,
        expires_at: datetime.datetime | None = None,
        database_name: str | None = None,
        role_name: str | None = None,
        timeout: float = 120.0,
    ) -> ReadyBranch:
        """Create a branch, wait until it can be used, and return its connection URI.

        ``database_name`` defaults to the branch's only database, ``role_name`` to that
        database's owner. If anything fails after Neon created the branch, it is deleted again
        (and when even that fails, its ``expires_at`` removes it later).
        """
        started = time.monotonic()
        deadline = started + timeout
        created = self.create_branch(project_id, parent_id=parent_id, name=name, expires_at=expires_at)
        try:
            endpoint = created.read_write_endpoint
            if endpoint is None:
                raise NeonApiError(
                    f"Neon API: branch {created.branch.id} was created without a read-write endpoint. "
                    "Fix: check the project's endpoint limits in the Console."
                )
            database, role = _choose(created, database_name, role_name)
            self.wait_for_operations(project_id, created.operations, deadline=deadline)
            endpoint = self.wait_for_endpoint(project_id, endpoint.id, deadline=deadline)
            uri = _given_uri(created, database, role) or self.connection_uri(
                project_id, branch_id=created.branch.id, endpoint_id=endpoint.id, database_name=database, role_name=role
            )
        except NeonApiError as error:
            raise type(error)(
                f"{error} {self._discard(project_id, created.branch)}",
                status=error.status,
                code=error.code,
                request_id=error.request_id,
            ) from None
        except BaseException:
            self._discard(project_id, created.branch)
            raise
        return ReadyBranch(project_id, created.branch, endpoint, database, role, uri, time.monotonic() - started)

    def _get(self, project_id: str, collection: str, item_id: str, kind: str) -> Mapping[str, Any]:
        """``GET /projects/{project_id}/{collection}/{item_id}``: the answer's ``kind`` object."""
        answer = self._http.request(
            "GET",
            _path("projects", project_id, collection, item_id),
            action=f"read {kind} {item_id!r} of project {project_id!r}",
        )
        return answer[kind]

    def _discard(self, project_id: str, branch: Branch) -> str:
        """Delete a branch that cannot be used; say what happened to it."""
        try:
            self.delete_branch(project_id, branch.id)
        except NeonApiError:
            expiry = f"; it expires at {branch.expires_at}" if branch.expires_at else ""
            return f"(The new branch {branch.id} could not be deleted{expiry}.)"
        return f"(The new branch {branch.id} was deleted again.)"


def rfc3339(moment: datetime.datetime) -> str:
    """``moment`` as Neon wants ``expires_at``: UTC, whole seconds, ``Z`` (e.g. 2025-06-09T18:02:16Z)."""
    if moment.tzinfo is None:
        raise ValueError("expires_at needs a time zone (use datetime.now(timezone.utc) + timedelta(...))")
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _path(*segments: str) -> str:
    return "".join("/" + urllib.parse.quote(segment, safe="") for segment in segments)


def _pauses(deadline: float) -> Iterator[float]:
    """Pauses between polls, as long as the deadline leaves room for one more poll."""
    for pause in itertools.chain(POLL_PAUSES, itertools.repeat(POLL_PAUSES[-1])):
        if time.monotonic() + pause >= deadline:
            return
        yield pause


def _choose(created: CreatedBranch, database_name: str | None, role_name: str | None) -> tuple[str, str]:
    """The database and role to connect as: as named, else the only database and its owner."""
    owners = created.database_owners
    database = database_name
    if database is None:
        if len(owners) != 1:
            names = ", ".join(sorted(owners)) or "none in Neon's answer"
            raise NeonApiError(
                f"Neon API: branch {created.branch.id} has {len(owners)} databases ({names}); "
                "name the one the tests use."
            )
        (database,) = owners
    role = role_name or owners.get(database) or (created.roles[0] if len(created.roles) == 1 else "")
    if not role:
        raise NeonApiError(
            f"Neon API: cannot tell which role to connect to database {database!r} of branch "
            f"{created.branch.id} as; name the role."
        )
    return database, role


def _given_uri(created: CreatedBranch, database: str, role: str) -> RedactedStr | None:
    for given in created.connection_uris:
        if (given.database, given.role) == (database, role):
            return given.uri
    return None
