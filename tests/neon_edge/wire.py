"""The few PostgreSQL protocol messages the edge reads and writes (protocol 3.0, big-endian framing)."""

from __future__ import annotations

import asyncio
import struct

from . import facts

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
CANCEL_REQUEST = 80877102
PROTOCOL_3_0 = 196608

AUTH_OK = 0
AUTH_CLEARTEXT = 3
AUTH_SASL = 10
AUTH_SASL_CONTINUE = 11
AUTH_SASL_FINAL = 12


class ProtocolError(Exception):
    """The peer sent something the edge does not accept."""


async def read_startup(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """A start-up packet (no type byte): its code and the rest of its body."""
    length, code = struct.unpack("!II", await reader.readexactly(8))
    if not 8 <= length <= 10_000:
        raise ProtocolError(f"start-up packet of {length} bytes")
    return code, await reader.readexactly(length - 8)


def startup_params(body: bytes) -> dict[str, str]:
    parts = body.split(b"\0")
    return {parts[i].decode(): parts[i + 1].decode() for i in range(0, len(parts) - 2, 2) if parts[i]}


def startup_message(params: dict[str, str]) -> bytes:
    pairs = b"".join(key.encode() + b"\0" + value.encode() + b"\0" for key, value in params.items())
    body = struct.pack("!I", PROTOCOL_3_0) + pairs + b"\0"
    return struct.pack("!I", len(body) + 4) + body


async def read_message(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    """One typed message: its type byte and its body."""
    kind, length = struct.unpack("!cI", await reader.readexactly(5))
    if length < 4 or length > 1 << 24:
        raise ProtocolError(f"message {kind!r} of {length} bytes")
    return kind, await reader.readexactly(length - 4)


def message(kind: bytes, body: bytes = b"") -> bytes:
    return kind + struct.pack("!I", len(body) + 4) + body


def authentication(code: int, payload: bytes = b"") -> bytes:
    return message(b"R", struct.pack("!I", code) + payload)


def sasl_methods(methods: tuple[str, ...]) -> bytes:
    return authentication(AUTH_SASL, b"".join(m.encode() + b"\0" for m in methods) + b"\0")


def neon_error(text: str) -> bytes:
    """An ErrorResponse as Neon's proxy writes it: severity, SQLSTATE and message, nothing else."""
    fields = b"S" + facts.SEVERITY.encode() + b"\0C" + facts.SQLSTATE.encode() + b"\0M" + text.encode() + b"\0"
    return message(b"E", fields + b"\0")


def error_fields(body: bytes) -> dict[str, str]:
    """The fields of an ErrorResponse/NoticeResponse body, keyed by their one-letter codes."""
    return {chunk[:1].decode(): chunk[1:].decode(errors="replace") for chunk in body.split(b"\0") if chunk}


def sasl_initial_response(body: bytes) -> tuple[str, str]:
    """Mechanism and client-first message of a SASLInitialResponse body."""
    mechanism, _, rest = body.partition(b"\0")
    (length,) = struct.unpack("!i", rest[:4])
    return mechanism.decode(), rest[4 : 4 + length].decode() if length > 0 else ""


def sasl_initial_message(mechanism: str, data: str) -> bytes:
    payload = data.encode()
    return message(b"p", mechanism.encode() + b"\0" + struct.pack("!i", len(payload)) + payload)


def cancel_key(body: bytes) -> tuple[int, int]:
    """Process id and secret of a BackendKeyData body or a CancelRequest (after its code)."""
    pid, secret = struct.unpack("!II", body[:8])
    return pid, secret


def cancel_request(pid: int, secret: int) -> bytes:
    return struct.pack("!IIII", 16, CANCEL_REQUEST, pid, secret)
