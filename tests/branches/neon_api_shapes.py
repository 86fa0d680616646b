"""The shapes of Neon's API v2 answers that branch-per-session reads, recorded for the stand-in's tests.

Recorded from Neon's OpenAPI description of API v2 (server ``https://console.neon.tech/api/v2``,
the version of October 2025): every field of each schema with its type, which fields are
required, and how the answers compose the schemas (``CreatedBranch`` is ``BranchResponse`` +
``EndpointsResponse`` + ``OperationsResponse`` + ``RolesResponse`` + ``DatabasesResponse`` +
``ConnectionURIsOptionalResponse``). Names of ids and hosts follow answers Neon sent
(``ep-misty-sea-a5833nbi.us-east-2.aws.neon.tech``, ``br-noisy-breeze-a5e59rrb``).

:func:`violations` lists every way a value departs from a shape: a missing required field, a
field the schema does not have, or a value of the wrong type or outside an enum.
"""

from __future__ import annotations

import re
from typing import Any

DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
ENDPOINT_ID = re.compile(r"ep-[a-z]+-[a-z]+-[a-z0-9]{8}")
BRANCH_ID = re.compile(r"br-[a-z]+-[a-z]+-[a-z0-9]{8}")
ENDPOINT_HOST = re.compile(ENDPOINT_ID.pattern + r"\.[a-z0-9-]+\.aws\.neon\.tech")

ENDPOINT_STATES = ("init", "active", "idle")
OPERATION_STATUSES = ("scheduling", "running", "finished", "failed", "error", "cancelling", "cancelled", "skipped")
OPERATION_ACTIONS = (
    "create_compute",
    "create_timeline",
    "start_compute",
    "suspend_compute",
    "apply_config",
    "check_availability",
    "delete_timeline",
    "create_branch",
    "import_data",
    "tenant_ignore",
    "tenant_attach",
    "tenant_detach",
    "tenant_reattach",
    "replace_safekeeper",
    "disable_maintenance",
    "apply_storage_config",
    "prepare_secondary_pageserver",
    "switch_pageserver",
    "detach_parent_branch",
    "timeline_archive",
    "timeline_unarchive",
    "start_reserved_compute",
    "sync_dbs_and_roles_from_compute",
    "apply_schema_from_branch",
    "timeline_mark_invisible",
    "prewarm_replica",
    "promote_replica",
    "set_storage_non_dirty",
)

# A field's type: "string", "date-time", "uuid", "integer", "number", "boolean", "object", a
# tuple of allowed strings (an enum), the name of another shape, or a one-item list of either
# (an array). Required fields are marked with a leading "!".
SHAPES: dict[str, dict[str, Any]] = {
    "Branch": {
        "!id": "string",
        "!project_id": "string",
        "parent_id": "string",
        "parent_lsn": "string",
        "parent_timestamp": "date-time",
        "!name": "string",
        "!current_state": "string",  # BranchState: init, resetting, ready, archived (a string, not an enum)
        "pending_state": "string",
        "!state_changed_at": "date-time",
        "logical_size": "integer",
        "!creation_source": "string",
        "primary": "boolean",  # deprecated name of "default", still sent
        "!default": "boolean",
        "!protected": "boolean",
        "!cpu_used_sec": "integer",
        "!compute_time_seconds": "integer",
        "!active_time_seconds": "integer",
        "!written_data_bytes": "integer",
        "!data_transfer_bytes": "integer",
        "!created_at": "date-time",
        "!updated_at": "date-time",
        "ttl_interval_seconds": "integer",
        "expires_at": "date-time",
        "last_reset_at": "date-time",
        "created_by": "object",
        "init_source": "string",
        "restore_status": "string",
        "restored_from": "string",
        "restored_as": "string",
        "restricted_actions": ["object"],
    },
    "Endpoint": {
        "!host": "string",
        "!id": "string",
        "name": "string",
        "!project_id": "string",
        "!branch_id": "string",
        "!autoscaling_limit_min_cu": "number",
        "!autoscaling_limit_max_cu": "number",
        "!region_id": "string",
        "!type": ("read_only", "read_write"),
        "!current_state": ENDPOINT_STATES,
        "pending_state": ENDPOINT_STATES,
        "!settings": "object",
        "!pooler_enabled": "boolean",
        "!pooler_mode": ("transaction",),
        "!disabled": "boolean",
        "!passwordless_access": "boolean",
        "last_active": "date-time",
        "!creation_source": "string",
        "!created_at": "date-time",
        "!updated_at": "date-time",
        "started_at": "date-time",
        "suspended_at": "date-time",
        "!proxy_host": "string",
        "!suspend_timeout_seconds": "integer",
        "!provisioner": "string",
        "compute_release_version": "string",
    },
    "Operation": {
        "!id": "uuid",
        "!project_id": "string",
        "branch_id": "string",
        "endpoint_id": "string",
        "!action": OPERATION_ACTIONS,
        "!status": OPERATION_STATUSES,
        "error": "string",
        "!failures_count": "integer",
        "retry_at": "date-time",
        "!created_at": "date-time",
        "!updated_at": "date-time",
        "!total_duration_ms": "integer",
    },
    "Role": {
        "!branch_id": "string",
        "!name": "string",
        "password": "string",
        "protected": "boolean",
        "!created_at": "date-time",
        "!updated_at": "date-time",
    },
    "Database": {
        "!id": "integer",
        "!branch_id": "string",
        "!name": "string",
        "!owner_name": "string",
        "!created_at": "date-time",
        "!updated_at": "date-time",
    },
    "ConnectionParameters": {
        "!database": "string",
        "!password": "string",
        "!role": "string",
        "!host": "string",
        "!pooler_host": "string",
    },
    "ConnectionDetails": {"!connection_uri": "string", "!connection_parameters": "ConnectionParameters"},
    "CursorPagination": {"next": "string", "sort_by": "string", "sort_order": "string"},
    "GeneralError": {"request_id": "string", "!code": "string", "!message": "string"},
    # Answers, as the paths compose them.
    "CreatedBranch": {  # POST /projects/{project_id}/branches, 201
        "!branch": "Branch",
        "!endpoints": ["Endpoint"],
        "!operations": ["Operation"],
        "!roles": ["Role"],
        "!databases": ["Database"],
        "connection_uris": ["ConnectionDetails"],
    },
    "BranchesList": {  # GET /projects/{project_id}/branches
        "!branches": ["Branch"],
        "!annotations": "object",
        "pagination": "CursorPagination",
    },
    "BranchResponse": {"!branch": "Branch"},  # GET /projects/{project_id}/branches/{branch_id}
    "BranchOperations": {"!branch": "Branch", "!operations": ["Operation"]},  # DELETE .../branches/{branch_id}
    "EndpointResponse": {"!endpoint": "Endpoint"},  # GET /projects/{project_id}/endpoints/{endpoint_id}
    "OperationResponse": {"!operation": "Operation"},  # GET /projects/{project_id}/operations/{operation_id}
    "ConnectionURIResponse": {"!uri": "string"},  # GET /projects/{project_id}/connection_uri
}


def violations(value: Any, shape: str, where: str = "$") -> list[str]:
    """Every way ``value`` departs from ``shape`` (empty when it fits)."""
    if not isinstance(value, dict):
        return [f"{where}: expected an object ({shape}), got {type(value).__name__}"]
    fields = {name.lstrip("!"): kind for name, kind in SHAPES[shape].items()}
    required = {name.lstrip("!") for name in SHAPES[shape] if name.startswith("!")}
    found = [f"{where}: missing required {name!r} ({shape})" for name in sorted(required - set(value))]
    found += [f"{where}: {name!r} is not a field of {shape}" for name in sorted(set(value) - set(fields))]
    for name in sorted(set(value) & set(fields)):
        found += _check(value[name], fields[name], f"{where}.{name}")
    return found


def _check(value: Any, kind: Any, where: str) -> list[str]:
    if isinstance(kind, list):
        if not isinstance(value, list):
            return [f"{where}: expected an array, got {type(value).__name__}"]
        return [problem for index, item in enumerate(value) for problem in _check(item, kind[0], f"{where}[{index}]")]
    if isinstance(kind, tuple):
        return [] if value in kind else [f"{where}: {value!r} is not one of {', '.join(kind)}"]
    if kind in SHAPES:
        return violations(value, kind, where)
    fits = {
        "string": lambda v: isinstance(v, str),
        "date-time": lambda v: isinstance(v, str) and DATE_TIME.fullmatch(v) is not None,
        "uuid": lambda v: isinstance(v, str) and UUID.fullmatch(v) is not None,
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "object": lambda v: isinstance(v, dict),
    }[kind]
    return [] if fits(value) else [f"{where}: {value!r} is not a {kind}"]
