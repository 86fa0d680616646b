"""What a client observes of Neon's edge, as recorded from Neon's proxy source; the stand-in sends exactly these.

Source: neondatabase/neon, ``proxy/src/`` (read at commit 6a35a3e9, March 2026). Every error the
proxy itself writes goes through ``PqStream::throw_error`` (``stream.rs``) and
``WriteBuf::write_error`` (``pqproto.rs``): an ErrorResponse with exactly three fields, severity
``ERROR`` (``S``; no non-localized ``V`` field), SQLSTATE ``XX000`` (``C``) and the message
(``M``). Errors of the compute during its start-up are forwarded the same way, with the compute's
message and the proxy's severity and code (``proxy/mod.rs``, ``compute/mod.rs``).

``tests/neon_edge/test_facts.py`` triggers each of them through the stand-in and compares the
wire fields with this module, so a change to either is caught.
"""

from __future__ import annotations

#: Severity and SQLSTATE of every error the proxy itself sends (``pqproto.rs``: ``SERROR``, ``XX000``).
SEVERITY = "ERROR"
SQLSTATE = "XX000"

#: ``auth/mod.rs`` ``AuthError::MissingEndpointName``: no endpoint from SNI or ``options``, and the
#: cleartext password the proxy then asks for is not ``endpoint=<id>;<password>``.
MISSING_ENDPOINT = (
    "Endpoint ID is not specified. Either please upgrade the postgres client library (libpq) for SNI support "
    "or pass the endpoint ID (first part of the domain name) as a parameter: '?options=endpoint%3D<endpoint-id>'. "
    "See more at https://neon.tech/sni"
)

#: ``pglb/mod.rs`` ``ERR_INSECURE_CONNECTION``: a startup message without TLS.
INSECURE = "connection is insecure (try using `sslmode=require`)"

#: ``auth/mod.rs`` ``AuthError::PasswordFailed`` (single quotes; also for an unknown role, whose
#: secret the proxy mocks).
PASSWORD_FAILED = "password authentication failed for user '{user}'"

#: ``compute/mod.rs`` ``COULD_NOT_CONNECT``: the compute did not answer (after the proxy's own retries).
COMPUTE_UNREACHABLE = "Couldn't connect to compute node"

#: ``control_plane/messages.rs`` ``get_user_facing_message`` by HTTP status of the control plane.
ENDPOINT_NOT_FOUND = "Control plane request failed: endpoint cannot be found"  # 404
ENDPOINT_DISABLED = "Control plane request failed: endpoint is disabled"  # 406
ENDPOINT_UNAVAILABLE = (  # 423 / 422: maintenance or quota exceeded
    "Control plane request failed: endpoint is temporarily unavailable. Check your quotas and/or contact our support."
)

#: ``auth/mod.rs`` ``AuthError::TooManyConnections`` (connection rate limit of an endpoint).
TOO_MANY_CONNECTIONS = "Too many connections to this endpoint. Please try again later."

#: ``compute/mod.rs`` ``PostgresError::to_string_client``: suffix added to a compute's
#: "unsupported startup parameter..." error (PgBouncer on ``-pooler`` routes refuses ``options``).
UNSUPPORTED_STARTUP_PARAMETER_HINT = (
    ". Please use unpooled connection or remove this parameter from the startup package. "
    "More details: https://neon.tech/docs/connect/connection-errors#unsupported-startup-parameter"
)

#: ``scram/mod.rs`` ``METHODS``: offered over TLS (``tls-server-end-point`` of the served leaf).
SASL_METHODS = ("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")

#: ``tls/mod.rs`` ``PG_ALPN_PROTOCOL``.
ALPN = "postgresql"

#: ``types.rs`` ``POOLER_SUFFIX``: an endpoint id ending in it is the endpoint's pooled route.
POOLER_SUFFIX = "-pooler"

#: Not the proxy's: the compute's own FATAL (SQLSTATE 57P01) when it shuts down or is told to
#: terminate a backend, relayed as is. Neon suspends an idle compute this way.
ADMIN_TERMINATION = "terminating connection due to administrator command"
ADMIN_TERMINATION_SQLSTATE = "57P01"
