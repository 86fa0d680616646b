"""What a failed call to Neon's API means, in Neon's terms, and how to fix it.

A table of symptoms (HTTP status and Neon's error ``code``), each with its cause and fix, turns
an answer of the API into one :class:`NeonApiError`. Messages name the request, Neon's own
message and request id, and never the API key.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import NeonTlsError

#: Neon's published rate limit (API reference, "API rate limiting").
RATE_LIMIT = "700 requests per minute per account, bursts of 40 per second per route"


class NeonApiError(NeonTlsError):
    """A call to Neon's API failed; the message says why in Neon's terms and how to fix it.

    ``status`` is the HTTP status (None when no answer arrived), ``code`` Neon's error code
    (often empty), ``request_id`` the id Neon logged the request under (for Neon's support).
    """

    def __init__(self, message: str, *, status: int | None = None, code: str = "", request_id: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id


class NeonApiSettingError(NeonApiError, ValueError):
    """The API address or key is unusable: plain http to a remote host, a malformed URL, an empty key.

    Raised before anything is sent; the plugin reports it as a usage error at start-up.
    """


class BranchNotReady(NeonApiError):
    """The branch's endpoint or operations did not finish within the wait."""


@dataclass(frozen=True)
class _Diagnosis:
    status: int | None  # None: any status
    code: str  # Neon's error code; "" matches any
    cause: str
    fix: str


# First match wins: codes before bare statuses. Neon's limit errors arrive as 4xx with a code
# (BRANCHES_LIMIT_EXCEEDED has been seen as 422); the code decides, not the status.
_TABLE: tuple[_Diagnosis, ...] = (
    _Diagnosis(
        None,
        "BRANCHES_LIMIT_EXCEEDED",
        "the project has as many branches as its plan allows",
        "delete branches you no longer need (Console > Branches, or `neon branches delete`); branches "
        "with an expiration are removed by Neon some time after it passes. Or raise the plan's branch limit.",
    ),
    _Diagnosis(
        None,
        "ENDPOINTS_LIMIT_EXCEEDED",
        "the project has as many compute endpoints as its plan allows",
        "delete branches or endpoints you no longer need, or raise the plan's limit.",
    ),
    _Diagnosis(
        None,
        "ACTIVE_ENDPOINTS_LIMIT_EXCEEDED",
        "the project has as many concurrently active compute endpoints as its plan allows",
        "let idle computes suspend, run fewer sessions at once, or raise the plan's limit.",
    ),
    _Diagnosis(
        401,
        "",
        "Neon rejected the API key (401 Unauthorized)",
        "set NEON_API_KEY to a valid key (Console > Account settings > API keys, or the organization's "
        "API keys); a revoked or mistyped key is refused.",
    ),
    _Diagnosis(
        403,
        "",
        "the API key may not do this (403 Forbidden)",
        "use a key of the organization that owns the project, or a key not restricted to another project.",
    ),
    _Diagnosis(
        404,
        "",
        "Neon does not know it, or the API key cannot see it (404 Not Found)",
        "check NEON_PROJECT_ID (Console > Project settings > General) and the parent branch id (`br-...`), "
        "and that the key belongs to the project's organization.",
    ),
    _Diagnosis(
        409,
        "",
        "it conflicts with what exists (409 Conflict), e.g. a branch of that name",
        "choose another branch name, or delete the existing branch.",
    ),
    _Diagnosis(
        423,
        "",
        "the project already has running operations (423 Locked), and they did not finish in time",
        "wait until the project's operations finish (Console > Monitoring > Operations), then run again.",
    ),
    _Diagnosis(
        429,
        "",
        f"Neon's API is rate limiting this account (429 Too Many Requests; limit: {RATE_LIMIT})",
        "run fewer sessions against the same account at once, or ask Neon's support for a higher limit.",
    ),
    _Diagnosis(
        400,
        "",
        "Neon refused the request as invalid (400 Bad Request)",
        "check the values Neon names above (branch name, parent id, expiration at most 30 days ahead).",
    ),
    _Diagnosis(
        422,
        "",
        "Neon cannot do this in the project's current state (422 Unprocessable Entity)",
        "read Neon's message above; it names the limit or state that prevents it.",
    ),
    _Diagnosis(
        None,
        "",
        "Neon's API failed",
        "retry later; https://neonstatus.com shows incidents.",
    ),
)


def diagnose(status: int, code: str) -> tuple[str, str]:
    """The cause and fix for an answer with ``status`` and Neon's error ``code``."""
    for row in _TABLE:
        if row.code and row.code != code:
            continue
        if row.status is not None and row.status != status:
            continue
        return row.cause, row.fix
    raise AssertionError("the last row of the table matches everything")  # pragma: no cover


def api_error(
    *,
    action: str,
    status: int,
    code: str,
    neon_message: str,
    request_id: str,
    note: str = "",
) -> NeonApiError:
    """The error for an unsuccessful answer to ``action`` (e.g. "create a branch of project 'x'")."""
    cause, fix = diagnose(status, code)
    said = f"{status}{' ' + code if code else ''}: {neon_message or '(no message)'}"
    request = f"; request id {request_id}" if request_id else ""
    extra = f" {note}" if note else ""
    message = f"Neon API: could not {action}: {cause}. Neon said: {said}{request}.{extra} Fix: {fix}"
    return NeonApiError(message, status=status, code=code, request_id=request_id)
