"""A local stand-in of the part of Neon's API v2 that branch-per-session uses, on 127.0.0.1.

What a client observes of Neon, reproduced with real parts:

* A branch is a real database on the embedded TLS server, copied from its parent's database
  with ``CREATE DATABASE ... TEMPLATE`` (Neon's copy-on-write branch, as far as a client sees).
  All branches connect as one role (``neondb_owner``) with one password, as a Neon branch keeps
  its parent's roles and passwords.
* Endpoints start slowly: ``current_state`` is ``init`` (``pending_state`` ``active``) for
  :attr:`StandInSettings.startup_seconds`, and the ``create_timeline`` and ``start_compute``
  operations run that long. While any operation runs, creating a branch answers 423 ``project
  already has running operations, scheduling of new ones is prohibited``, as Neon does.
* Answers have the shapes of Neon's OpenAPI description (``neon_api_shapes``): branch with
  endpoints, operations, roles, databases and, for a branch with one database and role,
  ``connection_uris``; errors as ``{"code", "message", "request_id"}`` with
  ``X-Neon-Ret-Request-Id``; list pagination by cursor.
* ``POST .../branches/{id}/restore`` from another branch's head makes the branch a new copy of
  it (what pytest-neon calls a reset; its endpoint restarts).
* Errors: 401 without the right ``Authorization: Bearer`` key, 404 for unknown projects,
  branches, endpoints and operations, 422 ``BRANCHES_LIMIT_EXCEEDED`` /
  ``ENDPOINTS_LIMIT_EXCEEDED`` over the limits, 400 for an ``expires_at`` Neon refuses (no time
  zone, not in the future, more than 30 days ahead, or a parent that expires itself), and
  injected answers (:meth:`NeonApiStandIn.fail_next`: 429 with ``Retry-After``, 5xx, ...,
  or a dropped connection). Expired branches are deleted, as Neon's background job does.

A branch's connection URI looks like Neon's (``postgresql://neondb_owner:<password>@ep-<adjective>-
<noun>-<8 chars>.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require``); the
database in it is the name clients use, while the branch's data lives in the database
:attr:`EndpointRoute.backend_database` of the embedded server. An :class:`EndpointRouter` given
to the stand-in (the Neon-shaped edge) is told when an endpoint appears and disappears, so it
can route ``ep-...`` to that database. Without it, tests reach the data directly with
``hostaddr``/``port``/``dbname`` from the route.

The stand-in's own limitation: ``CREATE DATABASE ... TEMPLATE`` needs the parent database to
have no other sessions. The stand-in waits briefly for them to end, then answers 423 with a
message naming this; Neon's copy-on-write has no such limit.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import itertools
import json
import re
import secrets
import socket
import string
import threading
import time
import urllib.parse
import uuid
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol

import psycopg
from psycopg import sql

from flake8_neon.conninfo import parse
from pytest_neon_tls.target import harden
from pytest_neon_tls.roots import RootBundle
from pytest_neon_tls.server import EmbeddedServer

API_PREFIX = "/api/v2"
REGION = "us-east-2"
MAX_EXPIRY = datetime.timedelta(days=30)
RUNNING_OPERATIONS = "project already has running operations, scheduling of new ones is prohibited"
_ADJECTIVES = ("quiet", "misty", "royal", "tiny", "dawn", "jolly", "floral", "noisy", "lingering", "cool")
_NOUNS = ("forest", "sea", "brook", "silence", "king", "frost", "wind", "breeze", "surf", "darkness")
_SUFFIX = string.ascii_lowercase + string.digits


@dataclass(frozen=True)
class EndpointRoute:
    """What the edge needs to serve an endpoint: the name clients dial and where the data is."""

    endpoint_id: str
    host: str  # ep-....us-east-2.aws.neon.tech, as in the connection URI
    database: str  # the database name clients use (neondb)
    role: str
    password: str = field(repr=False)
    backend_database: str  # the embedded server's database holding this branch


class EndpointRouter(Protocol):
    """Told when an endpoint starts to exist and when it is gone (the edge's route table)."""

    def add_route(self, route: EndpointRoute) -> None: ...

    def remove_route(self, route: EndpointRoute) -> None: ...


@dataclass
class StandInSettings:
    """What tests may change while the stand-in runs (:meth:`NeonApiStandIn.reset` restores them)."""

    startup_seconds: float = 0.3  # how long a new endpoint stays ``init`` and its operations run
    answer_create_after: float = 0.0  # seconds before a create request is answered (the branch exists then)
    restore_seconds: float = 0.0  # how long the operations of a restore run
    branch_limit: int = 10  # branches, the default one included
    endpoint_limit: int = 20
    page_size: int = 100  # branches per page of the list
    connection_uris_in_answer: bool = True  # Neon sends them only for a branch with one database and role


@dataclass
class Fault:
    """An answer to give instead of the real one (``status`` 0: close the connection, no answer)."""

    status: int
    code: str = ""
    message: str = ""
    retry_after: str | None = None
    location: str | None = None
    method: str | None = None
    times: int = 1


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    authorized: bool  # the right key arrived as a Bearer token
    at: float  # time.monotonic()


@dataclass
class _Branch:
    id: str
    name: str
    parent_id: str | None
    default: bool
    backend_database: str
    created: datetime.datetime
    expires_at: datetime.datetime | None
    ready_at: float = 0.0  # time.monotonic() from when its state is "ready"


@dataclass
class _Endpoint:
    id: str
    branch_id: str
    created: datetime.datetime
    ready_at: float

    @property
    def host(self) -> str:
        return f"{self.id}.{REGION}.aws.neon.tech"


@dataclass
class _Operation:
    id: str
    branch_id: str
    endpoint_id: str | None
    action: str
    created: datetime.datetime
    done_at: float


class ApiAnswer(Exception):
    """Raised inside a handler to answer with a Neon-style error."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


class NeonApiStandIn:
    """The stand-in (see the module docstring); start with :meth:`start`, or use as a context manager.

    ``admin_dsn`` connects to the embedded server as a role that may create databases and
    roles (no superuser needed).
    """

    def __init__(
        self,
        admin_dsn: str,
        *,
        api_key: str,
        project_id: str = "quiet-forest-12345678",
        database: str = "neondb",
        role: str = "neondb_owner",
        router: EndpointRouter | None = None,
        settings: StandInSettings | None = None,
    ) -> None:
        self.project_id = project_id
        self.database = database
        self.role = role
        self.router = router
        self.settings = settings or StandInSettings()
        self._initial_settings = dataclasses.replace(self.settings)
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []  # unexpected exceptions inside the stand-in
        self._admin_dsn = admin_dsn
        self._api_key = api_key
        self._password = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(12))
        self._lock = threading.RLock()
        self._faults: deque[Fault] = deque()
        self._branches: dict[str, _Branch] = {}
        self._endpoints: dict[str, _Endpoint] = {}
        self._operations: dict[str, _Operation] = {}
        self._database_ids = itertools.count(39724307)
        self._admin: psycopg.Connection[Any] | None = None
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.default_branch_id = ""

    def __repr__(self) -> str:
        return f"<NeonApiStandIn {self.url if self._server else 'stopped'} project={self.project_id}>"

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The API's base URL, as ``NEON_API_URL`` takes it."""
        assert self._server is not None, "start() the stand-in first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{API_PREFIX}"

    def start(self) -> NeonApiStandIn:
        self._admin = psycopg.connect(self._admin_dsn, autocommit=True)
        self._create_role()
        main = self._new_branch(name="main", parent=None, expires_at=None)
        self._branches[main.id] = main
        self.default_branch_id = main.id
        self._admin.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(main.backend_database), sql.Identifier(self.role)
            )
        )
        self._add_endpoint(main, startup=0.0)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.standin = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, name="neon-api-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop every branch database."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            for branch in list(self._branches.values()):
                self._drop(branch)
            self._branches.clear()
        if self._admin is not None:
            self._admin.close()
            self._admin = None

    def __enter__(self) -> NeonApiStandIn:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- what tests drive and inspect -------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        code: str = "",
        message: str = "",
        retry_after: str | None = None,
        location: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests (of ``method``, if given) with this error; 0 drops the connection."""
        self._faults.append(Fault(status, code, message, retry_after, location, method, times))

    def reset(self) -> None:
        """Back to the state after :meth:`start`: only the default branch, settings as given, no history."""
        with self._lock:
            for branch in [b for b in self._branches.values() if not b.default]:
                self._drop(branch)
                del self._branches[branch.id]
            self._operations.clear()
            self._faults.clear()
            self.requests.clear()
            self.errors.clear()
            self.settings = dataclasses.replace(self._initial_settings)

    def route(self, branch_id: str) -> EndpointRoute:
        """The route of the branch's read-write endpoint (for direct connections in tests)."""
        with self._lock:
            branch = self._branches[branch_id]
            endpoint = next(e for e in self._endpoints.values() if e.branch_id == branch_id)
            return self._route(branch, endpoint)

    def backend_databases(self) -> set[str]:
        """The branch databases that exist on the embedded server right now."""
        assert self._admin is not None
        with self._lock:
            rows = self._admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [self.database + "\\_br\\_%"]
            ).fetchall()
        return {name for (name,) in rows}

    # -- requests ---------------------------------------------------------------------------

    def handle(self, method: str, path: str, query: dict[str, str], body: Any, authorization: str) -> tuple[int, Any]:
        """Answer one request: (status, JSON body). Raises :class:`ApiAnswer` for errors."""
        with self._lock:
            authorized = authorization == f"Bearer {self._api_key}"
            self.requests.append(RecordedRequest(method, path, dict(query), authorized, time.monotonic()))
            fault = self._take_fault(method)
            if fault is not None:
                raise _FaultAnswer(fault)
            if not authorized:
                raise ApiAnswer(401, "authentication required")
            self._reap_expired()
            return self._dispatch(method, path, query, body)

    def _dispatch(self, method: str, path: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        parts = path.removeprefix(API_PREFIX).strip("/").split("/")
        if not path.startswith(API_PREFIX + "/") or len(parts) < 2 or parts[0] != "projects":
            raise ApiAnswer(404, "not found")
        if parts[1] != self.project_id:
            raise ApiAnswer(404, "project not found")
        rest = (method, *parts[2:])
        if rest == ("GET", "branches"):
            return 200, self._list_branches(query)
        if rest == ("POST", "branches"):
            return 201, self._create_branch(body if isinstance(body, dict) else {})
        if rest[:2] == ("GET", "branches") and len(rest) == 3:
            return 200, {"branch": self._branch_json(self._branch(rest[2]))}
        if rest[:2] == ("DELETE", "branches") and len(rest) == 3:
            return 200, self._delete_branch(self._branch(rest[2]))
        if rest[:2] == ("POST", "branches") and rest[3:] == ("restore",):
            return 200, self._restore_branch(self._branch(rest[2]), body if isinstance(body, dict) else {})
        if rest[:2] == ("GET", "endpoints") and len(rest) == 3:
            return 200, {"endpoint": self._endpoint_json(self._endpoint(rest[2]))}
        if rest[:2] == ("GET", "operations") and len(rest) == 3:
            operation = self._operations.get(rest[2])
            if operation is None:
                raise ApiAnswer(404, "operation not found")
            return 200, {"operation": self._operation_json(operation)}
        if rest == ("GET", "connection_uri"):
            return 200, {"uri": self._connection_uri(query)}
        raise ApiAnswer(404, "not found")

    def _take_fault(self, method: str) -> Fault | None:
        for fault in self._faults:
            if fault.method in (None, method):
                fault.times -= 1
                if fault.times <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    # -- branches ---------------------------------------------------------------------------

    def _list_branches(self, query: dict[str, str]) -> dict[str, Any]:
        branches = sorted(self._branches.values(), key=lambda branch: branch.created)
        start = int(base64.urlsafe_b64decode(query["cursor"]).decode()) if query.get("cursor") else 0
        page = branches[start : start + self.settings.page_size]
        answer: dict[str, Any] = {"branches": [self._branch_json(branch) for branch in page], "annotations": {}}
        next_start = start + len(page)
        answer["pagination"] = {
            "next": base64.urlsafe_b64encode(str(next_start).encode()).decode(),
            "sort_by": "updated_at",
            "sort_order": "DESC",
        }
        return answer

    def _create_branch(self, body: dict[str, Any]) -> dict[str, Any]:
        request = body.get("branch") or {}
        endpoints = body.get("endpoints") or []
        parent = self._branch(request.get("parent_id") or self.default_branch_id)
        expires_at = _expiry(request.get("expires_at"))
        if parent.expires_at is not None:
            raise ApiAnswer(400, f"cannot create a child branch of branch {parent.id}: it has an expiration time")
        if any(self._running(operation) for operation in self._operations.values()):
            raise ApiAnswer(423, RUNNING_OPERATIONS)
        if len(self._branches) >= self.settings.branch_limit:
            raise ApiAnswer(422, f"branches limit exceeded ({self.settings.branch_limit})", "BRANCHES_LIMIT_EXCEEDED")
        if endpoints and len(self._endpoints) + len(endpoints) > self.settings.endpoint_limit:
            raise ApiAnswer(
                422, f"endpoints limit exceeded ({self.settings.endpoint_limit})", "ENDPOINTS_LIMIT_EXCEEDED"
            )
        if any(item.get("type") != "read_write" for item in endpoints) or len(endpoints) > 1:
            raise ApiAnswer(400, "the stand-in creates one read_write endpoint per branch")
        name = request.get("name")
        if name and any(branch.name == name for branch in self._branches.values()):
            raise ApiAnswer(409, f"branch with the provided name {name!r} already exists")
        branch = self._new_branch(name=name, parent=parent, expires_at=expires_at)
        self._copy(parent, branch)
        branch.ready_at = time.monotonic() + self.settings.startup_seconds / 2  # Neon's clock starts after the request
        self._branches[branch.id] = branch
        operations = [self._operation(branch, None, "create_timeline", self.settings.startup_seconds / 2)]
        created_endpoints = []
        if endpoints:
            endpoint = self._add_endpoint(branch, startup=self.settings.startup_seconds)
            created_endpoints.append(endpoint)
            operations.append(self._operation(branch, endpoint.id, "start_compute", self.settings.startup_seconds))
        time.sleep(self.settings.answer_create_after)  # other requests wait: the lock is held
        answer: dict[str, Any] = {
            "branch": self._branch_json(branch),
            "endpoints": [self._endpoint_json(endpoint) for endpoint in created_endpoints],
            "operations": [self._operation_json(operation) for operation in operations],
            "roles": [self._role_json(branch)],
            "databases": [self._database_json(branch)],
        }
        if created_endpoints and self.settings.connection_uris_in_answer:
            answer["connection_uris"] = [self._connection_details(created_endpoints[0], pooled=False)]
        return answer

    def _delete_branch(self, branch: _Branch) -> dict[str, Any]:
        if branch.default:
            raise ApiAnswer(422, "cannot delete the project's default branch")
        if any(child.parent_id == branch.id for child in self._branches.values()):
            raise ApiAnswer(422, "cannot delete a branch that has child branches")
        operations = []
        for endpoint in [e for e in self._endpoints.values() if e.branch_id == branch.id]:
            operations.append(self._operation(branch, endpoint.id, "suspend_compute", 0.05))
        operations.append(self._operation(branch, None, "delete_timeline", 0.1))
        answer = {
            "branch": self._branch_json(branch),
            "operations": [self._operation_json(operation) for operation in operations],
        }
        self._drop(branch)
        del self._branches[branch.id]
        return answer

    def _restore_branch(self, branch: _Branch, body: dict[str, Any]) -> dict[str, Any]:
        """Neon's restore from another branch's head (how pytest-neon resets a branch to its parent).

        The branch's data becomes a new copy of the source's; its endpoint restarts, so open
        sessions end (``DROP DATABASE ... WITH (FORCE)``). Only ``source_branch_id`` is served.
        """
        assert self._admin is not None
        source_id = body.get("source_branch_id")
        if not source_id:
            raise ApiAnswer(400, "invalid request: source_branch_id is required")
        if body.get("source_lsn") or body.get("source_timestamp") or body.get("preserve_under_name"):
            raise ApiAnswer(400, "the stand-in restores from the source branch's head only")
        source = self._branch(source_id)
        if source.id == branch.id:
            raise ApiAnswer(400, "restoring a branch from its own head needs source_lsn or source_timestamp")
        if any(self._running(operation) for operation in self._operations.values()):
            raise ApiAnswer(423, RUNNING_OPERATIONS)
        self._admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(branch.backend_database))
        )
        self._copy(source, branch)
        operations = [self._operation(branch, None, "create_timeline", self.settings.restore_seconds)]
        for endpoint in [e for e in self._endpoints.values() if e.branch_id == branch.id]:
            operations.append(self._operation(branch, endpoint.id, "start_compute", self.settings.restore_seconds))
        return {
            "branch": self._branch_json(branch),
            "operations": [self._operation_json(operation) for operation in operations],
        }

    def _reap_expired(self) -> None:
        now = _now()
        for branch in list(self._branches.values()):
            if branch.expires_at is not None and branch.expires_at <= now:
                self._drop(branch)
                del self._branches[branch.id]

    def _new_branch(self, *, name: str | None, parent: _Branch | None, expires_at: datetime.datetime | None) -> _Branch:
        branch_id = _neon_id("br")
        return _Branch(
            id=branch_id,
            name=name or branch_id,
            parent_id=parent.id if parent else None,
            default=parent is None,
            backend_database=f"{self.database}_br_{branch_id.rsplit('-', 1)[1]}",
            created=_now(),
            expires_at=expires_at,
        )

    def _copy(self, parent: _Branch, branch: _Branch) -> None:
        """The branch's data: a copy of the parent's database, once no session uses the parent.

        PostgreSQL itself waits 5 s for such sessions before refusing; the stand-in looks first.
        """
        assert self._admin is not None
        busy = "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
        for pause in itertools.chain((0.05,) * 10, (None,)):
            (sessions,) = self._admin.execute(busy, [parent.backend_database]).fetchone() or (0,)
            if not sessions:
                break
            if pause is None:
                raise ApiAnswer(
                    423,
                    f"stand-in: the parent database of branch {parent.id} still has open sessions, and "
                    "CREATE DATABASE ... TEMPLATE needs none; close them before branching from it",
                )
            time.sleep(pause)
        self._admin.execute(
            sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE {}").format(
                sql.Identifier(branch.backend_database),
                sql.Identifier(self.role),
                sql.Identifier(parent.backend_database),
            )
        )

    def _drop(self, branch: _Branch) -> None:
        assert self._admin is not None
        for endpoint in [e for e in self._endpoints.values() if e.branch_id == branch.id]:
            del self._endpoints[endpoint.id]
            if self.router is not None:
                self.router.remove_route(self._route(branch, endpoint))
        # WITH (FORCE) ends open sessions, as deleting a Neon branch breaks its connections.
        self._admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(branch.backend_database))
        )

    def _branch(self, branch_id: str) -> _Branch:
        branch = self._branches.get(branch_id)
        if branch is None:
            raise ApiAnswer(404, f"branch {branch_id} not found")
        return branch

    # -- endpoints, operations, roles -------------------------------------------------------

    def _add_endpoint(self, branch: _Branch, *, startup: float) -> _Endpoint:
        endpoint = _Endpoint(_neon_id("ep"), branch.id, _now(), ready_at=time.monotonic() + startup)
        self._endpoints[endpoint.id] = endpoint
        if self.router is not None:
            self.router.add_route(self._route(branch, endpoint))
        return endpoint

    def _endpoint(self, endpoint_id: str) -> _Endpoint:
        endpoint = self._endpoints.get(endpoint_id)
        if endpoint is None:
            raise ApiAnswer(404, f"endpoint {endpoint_id} not found")
        return endpoint

    def _operation(self, branch: _Branch, endpoint_id: str | None, action: str, seconds: float) -> _Operation:
        operation = _Operation(str(uuid.uuid4()), branch.id, endpoint_id, action, _now(), time.monotonic() + seconds)
        self._operations[operation.id] = operation
        return operation

    def _running(self, operation: _Operation) -> bool:
        return time.monotonic() < operation.done_at

    def _route(self, branch: _Branch, endpoint: _Endpoint) -> EndpointRoute:
        return EndpointRoute(
            endpoint.id, endpoint.host, self.database, self.role, self._password, branch.backend_database
        )

    def _create_role(self) -> None:
        assert self._admin is not None
        exists = self._admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [self.role]).fetchone()
        verb = "ALTER" if exists else "CREATE"
        self._admin.execute(
            sql.SQL(verb + " ROLE {} LOGIN PASSWORD {}").format(sql.Identifier(self.role), sql.Literal(self._password))
        )
        # Membership lets a non-superuser admin create, copy and drop databases owned by the role.
        self._admin.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(sql.Identifier(self.role)))

    def _connection_uri(self, query: dict[str, str]) -> str:
        for required in ("database_name", "role_name"):
            if not query.get(required):
                raise ApiAnswer(400, f"invalid request: query parameter {required!r} is required")
        branch = self._branch(query.get("branch_id") or self.default_branch_id)
        endpoint_id = query.get("endpoint_id")
        if endpoint_id:
            endpoint = self._endpoint(endpoint_id)
            if endpoint.branch_id != branch.id:
                raise ApiAnswer(404, f"endpoint {endpoint_id} not found on branch {branch.id}")
        else:
            endpoint = next((e for e in self._endpoints.values() if e.branch_id == branch.id), None)
            if endpoint is None:
                raise ApiAnswer(404, f"branch {branch.id} has no read_write endpoint")
        if query["database_name"] != self.database:
            raise ApiAnswer(404, f"database {query['database_name']!r} not found")
        if query["role_name"] != self.role:
            raise ApiAnswer(404, f"role {query['role_name']!r} not found")
        return str(self._connection_details(endpoint, pooled=query.get("pooled") == "true")["connection_uri"])

    def _connection_details(self, endpoint: _Endpoint, *, pooled: bool) -> dict[str, Any]:
        pooler_host = endpoint.host.replace(endpoint.id, endpoint.id + "-pooler", 1)
        host = pooler_host if pooled else endpoint.host
        uri = (
            f"postgresql://{self.role}:{self._password}@{host}/{self.database}?sslmode=require&channel_binding=require"
        )
        return {
            "connection_uri": uri,
            "connection_parameters": {
                "database": self.database,
                "password": self._password,
                "role": self.role,
                "host": endpoint.host,
                "pooler_host": pooler_host,
            },
        }

    # -- JSON in Neon's shapes --------------------------------------------------------------

    def _branch_json(self, branch: _Branch) -> dict[str, Any]:
        ready = time.monotonic() >= branch.ready_at
        created = _stamp(branch.created)
        data: dict[str, Any] = {
            "id": branch.id,
            "project_id": self.project_id,
            "name": branch.name,
            "current_state": "ready" if ready else "init",
            "state_changed_at": created,
            "logical_size": 0,
            "creation_source": "console",
            "primary": branch.default,
            "default": branch.default,
            "protected": False,
            "cpu_used_sec": 0,
            "compute_time_seconds": 0,
            "active_time_seconds": 0,
            "written_data_bytes": 0,
            "data_transfer_bytes": 0,
            "created_at": created,
            "updated_at": created,
            "init_source": "parent-data",
        }
        if not ready:
            data["pending_state"] = "ready"
        if branch.parent_id:
            data["parent_id"] = branch.parent_id
            data["parent_lsn"] = "0/1DE2850"
        if branch.expires_at is not None:
            data["expires_at"] = _stamp(branch.expires_at)
            data["ttl_interval_seconds"] = int((branch.expires_at - branch.created).total_seconds())
        return data

    def _endpoint_json(self, endpoint: _Endpoint) -> dict[str, Any]:
        ready = time.monotonic() >= endpoint.ready_at
        created = _stamp(endpoint.created)
        data: dict[str, Any] = {
            "host": endpoint.host,
            "id": endpoint.id,
            "project_id": self.project_id,
            "branch_id": endpoint.branch_id,
            "autoscaling_limit_min_cu": 0.25,
            "autoscaling_limit_max_cu": 0.25,
            "region_id": f"aws-{REGION}",
            "type": "read_write",
            "current_state": "active" if ready else "init",
            "settings": {},
            "pooler_enabled": False,
            "pooler_mode": "transaction",
            "disabled": False,
            "passwordless_access": True,
            "creation_source": "console",
            "created_at": created,
            "updated_at": created,
            "proxy_host": f"{REGION}.aws.neon.tech",
            "suspend_timeout_seconds": 0,
            "provisioner": "k8s-neonvm",
        }
        if ready:
            data["started_at"] = created
        else:
            data["pending_state"] = "active"
        return data

    def _operation_json(self, operation: _Operation) -> dict[str, Any]:
        running = self._running(operation)
        created = _stamp(operation.created)
        data: dict[str, Any] = {
            "id": operation.id,
            "project_id": self.project_id,
            "branch_id": operation.branch_id,
            "action": operation.action,
            "status": "running" if running else "finished",
            "failures_count": 0,
            "created_at": created,
            "updated_at": created,
            "total_duration_ms": 0 if running else 100,
        }
        if operation.endpoint_id:
            data["endpoint_id"] = operation.endpoint_id
        return data

    def _role_json(self, branch: _Branch) -> dict[str, Any]:
        created = _stamp(branch.created)
        return {
            "branch_id": branch.id,
            "name": self.role,
            "protected": False,
            "created_at": created,
            "updated_at": created,
        }

    def _database_json(self, branch: _Branch) -> dict[str, Any]:
        created = _stamp(branch.created)
        return {
            "id": next(self._database_ids),
            "branch_id": branch.id,
            "name": self.database,
            "owner_name": self.role,
            "created_at": created,
            "updated_at": created,
        }


class _FaultAnswer(Exception):
    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.message)
        self.fault = fault


class _Handler(BaseHTTPRequestHandler):
    server_version = "neon-api-standin"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _serve(self, method: str) -> None:
        standin: NeonApiStandIn = self.server.standin  # type: ignore[attr-defined]
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        request_id = uuid.uuid4().hex
        try:
            body = json.loads(raw) if raw else None
        except ValueError as error:
            self._answer(400, {"code": "", "message": f"invalid request: decode application/json: {error}"}, request_id)
            return
        try:
            status, payload = standin.handle(method, url.path, query, body, self.headers.get("Authorization", ""))
        except _FaultAnswer as injected:
            fault = injected.fault
            if fault.status == 0:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            headers = {"Retry-After": fault.retry_after, "Location": fault.location}
            message = fault.message or HTTPStatus(fault.status).phrase
            self._answer(fault.status, {"code": fault.code, "message": message}, request_id, headers)
        except ApiAnswer as answer:
            self._answer(answer.status, {"code": answer.code, "message": answer.message}, request_id)
        except Exception as error:  # a bug in the stand-in: answer 500 and keep it for the tests
            standin.errors.append(f"{method} {self.path}: {type(error).__name__}: {error}")
            self._answer(500, {"code": "", "message": "internal error"}, request_id)
        else:
            self._answer(status, payload, request_id)

    def _answer(self, status: int, payload: Any, request_id: str, headers: dict[str, str | None] | None = None) -> None:
        if status >= 400:
            payload = {**payload, "request_id": request_id}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Neon-Ret-Request-Id", request_id)
        for name, value in (headers or {}).items():
            if value is not None:
                self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _neon_id(prefix: str) -> str:
    suffix = secrets.choice(string.ascii_lowercase) + secrets.choice(string.digits)
    suffix += "".join(secrets.choice(_SUFFIX) for _ in range(6))
    return f"{prefix}-{secrets.choice(_ADJECTIVES)}-{secrets.choice(_NOUNS)}-{suffix}"


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


_RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def _expiry(value: Any) -> datetime.datetime | None:
    """``expires_at`` as Neon checks it: RFC 3339 with a time zone, in the future, at most 30 days ahead."""
    if value is None:
        return None
    if not isinstance(value, str) or not _RFC3339.fullmatch(value):
        raise ApiAnswer(400, f"invalid request: expires_at {value!r} is not an RFC 3339 timestamp with a time zone")
    moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(microsecond=0)
    now = _now()
    if moment <= now:
        raise ApiAnswer(400, "expires_at must be in the future")
    if moment - now > MAX_EXPIRY:
        raise ApiAnswer(400, "expires_at must be at most 30 days in the future")
    return moment


def admin_role(server: EmbeddedServer) -> str:
    """A DSN for a role with CREATEDB and CREATEROLE and nothing more, as Neon's default role."""
    password = secrets.token_urlsafe(16)
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE standin_admin LOGIN CREATEDB CREATEROLE PASSWORD {}").format(sql.Literal(password))
        )
    return parse(server.dsn()).with_params(user="standin_admin", password=password)


def direct_conninfo(uri: str, route: EndpointRoute, server: EmbeddedServer) -> str:
    """``uri`` hardened as the plugin does, plus what reaching the embedded server directly needs.

    The host name stays the branch's ``ep-...neon.tech`` (SNI, verify-full against the server's
    wildcard certificate); ``hostaddr`` and ``port`` lead to the server and ``dbname`` to the
    database holding the branch, where the Neon-shaped edge would route it.
    """
    root = RootBundle(server.ca_file, "embedded server's throwaway CA")
    hardened = harden(parse(uri), root, {}).conninfo
    return hardened.with_params(hostaddr="127.0.0.1", port=str(server.port), dbname=route.backend_database)
