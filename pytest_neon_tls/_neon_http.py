"""HTTP to Neon's API: where the key may go, one JSON request, and a bounded retry.

* :class:`ApiKey` holds the key; its ``repr`` and ``str`` never show it.
* :func:`api_url` accepts ``https://``, and plain ``http://`` only to a loopback address (a local
  stand-in), so the key never crosses a network in clear text. No credentials, query or fragment.
* :class:`Transport` sends one request with ``Authorization: Bearer``. It follows no redirect
  (urllib would send the key on to wherever a redirect points), and uses no proxy for
  ``http://`` (a proxy would see the key). It retries a bounded number of times what Neon's API
  description calls safe to retry: 429 after ``Retry-After``, 423 (the project has running
  operations) and 503 for any method; network failures, 502 and 504 only for ``GET``, because a
  ``POST`` may have been carried out without its answer arriving.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import json
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flake8_neon import __version__

from ._neon_errors import NeonApiError, NeonApiSettingError, api_error
from .roots import RootBundleError, discover_system_bundle

_REQUEST_ID_HEADER = "X-Neon-Ret-Request-Id"
_USER_AGENT = f"neon-tls/{__version__}"


class ApiKey:
    """A Neon API key; shown as ``****`` everywhere (repr, str, tracebacks with locals)."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.strip()
        del value  # no copy of the key in this frame's locals (tracebacks shown with --showlocals)
        if not self._value:
            raise NeonApiSettingError("the Neon API key is empty. Fix: set NEON_API_KEY to a key from Neon's Console.")
        if any(ch.isspace() or not ch.isprintable() for ch in self._value):
            raise NeonApiSettingError(
                "the Neon API key contains spaces or control characters, so it cannot be one. "
                "Fix: set NEON_API_KEY to the key alone, as the Console shows it."
            )

    def reveal(self) -> str:
        """The key itself: only for the ``Authorization`` header and for registering it to be scrubbed."""
        return self._value

    def __repr__(self) -> str:
        return "ApiKey('****')"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a Neon API key is not pickled; pass it through the environment")


def api_url(url: str) -> str:
    """``url`` without a trailing slash, if the key may be sent there; else :class:`NeonApiSettingError`.

    Messages name the scheme and host only: whatever else a mistyped address holds stays out.
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
        host = parts.hostname
    except ValueError:
        raise NeonApiSettingError(
            "the Neon API address is not a valid URL: its host or port cannot be read. "
            "Fix: use https://console.neon.tech/api/v2 or the https:// address of a Neon-compatible API."
        ) from None
    if parts.scheme not in ("https", "http") or not host:
        raise NeonApiSettingError(
            f"the Neon API address is not an http(s) URL with a host (scheme {parts.scheme or 'none'!r}). "
            "Fix: use https://console.neon.tech/api/v2 or the https:// address of a Neon-compatible API."
        )
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise NeonApiSettingError(
            f"the Neon API address (host {host}) may not hold credentials, a query or a fragment; the key goes "
            "in NEON_API_KEY. Fix: give only scheme, host, port and path."
        )
    if parts.scheme == "http" and not _is_loopback(host):
        raise NeonApiSettingError(
            f"refusing to send the Neon API key over plain http to {host}: anyone on the way could read it. "
            "Fix: use https://, or http:// only to a loopback address (127.0.0.1, ::1, localhost)."
        )
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long :class:`Transport` retries; every wait and the total are bounded."""

    backoff: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)  # pauses without Retry-After; one per retry
    max_retry_after: float = 30.0  # a longer Retry-After is an error at once, not a wait


class Transport:
    """Sends JSON requests to one API address with one key (see the module docstring)."""

    def __init__(self, base_url: str, key: ApiKey, *, timeout: float = 30.0, retry: RetryPolicy | None = None):
        self.base_url = api_url(base_url)
        self._key = key
        self._timeout = timeout
        self._retry = retry or RetryPolicy()
        plain = self.base_url.startswith("http://")
        handlers: list[urllib.request.BaseHandler] = [_RefuseRedirects()]
        if plain:
            handlers.append(urllib.request.ProxyHandler({}))
        else:
            handlers.append(urllib.request.HTTPSHandler(context=_tls_context()))
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"<Transport {self.base_url} key=****>"

    def request(
        self,
        method: str,
        path: str,
        *,
        action: str,
        query: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The decoded JSON answer to ``method path``; ``action`` names it in errors ("delete branch ...")."""
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None if body is None else json.dumps(body).encode()
        for retry in range(len(self._retry.backoff) + 1):
            # Failures are noted inside ``except`` and handled after it, so that no error raised here
            # chains urllib's exception, whose traceback holds frames with the request headers.
            try:
                with self._opener.open(self._build(method, url, data), timeout=self._timeout) as response:
                    return _decode(response.read(), action)
            except urllib.error.HTTPError as answer:
                failure: _Answer | _NoAnswer = _Answer(answer.code, answer.headers, answer.read())
                answer.close()
            except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
                failure = _NoAnswer.of(error)
            if isinstance(failure, _Answer):
                pause = self._pause_after_answer(method, failure, retry, action)
            else:
                pause = self._pause_after_no_answer(method, failure, retry, action)
            time.sleep(pause)
        raise AssertionError("the loop returns or raises")  # pragma: no cover

    # -- internals ------------------------------------------------------------------------

    def _build(self, method: str, url: str, data: bytes | None) -> urllib.request.Request:
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self._key.reveal())
        request.add_header("Accept", "application/json")
        request.add_header("User-Agent", _USER_AGENT)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        return request

    def _pause_after_answer(self, method: str, answer: _Answer, retry: int, action: str) -> float:
        """Seconds to wait before the next attempt, or raise the explained error."""
        status, headers = answer.status, answer.headers
        code, neon_message, request_id = _general_error(answer.payload)
        request_id = request_id or headers.get(_REQUEST_ID_HEADER, "")
        neon_message = self._scrubbed(neon_message)
        note = ""
        retryable = status in (423, 429, 503) or (method == "GET" and status in (502, 504))
        if 300 <= status < 400:
            neon_message = f"a redirect to {headers.get('Location', '(no Location)')}"
            note = "neon-tls follows no redirect, so the API key goes nowhere else."
            retryable = False
        pause = self._retry.backoff[retry] if retry < len(self._retry.backoff) else None
        if status == 429:
            asked = _retry_after(headers.get("Retry-After"))
            if asked is not None and asked > self._retry.max_retry_after:
                note = (
                    f"Neon asked to wait {asked:.0f} s (Retry-After), more than the "
                    f"{self._retry.max_retry_after:.0f} s neon-tls waits."
                )
                retryable = False
            elif asked is not None and pause is not None:
                pause = asked
        if retryable and pause is not None:
            return pause
        if retryable:
            note = f"Still {status} after {retry} retries."
        raise api_error(
            action=action, status=status, code=code, neon_message=neon_message, request_id=request_id, note=note
        )

    def _pause_after_no_answer(self, method: str, failure: _NoAnswer, retry: int, action: str) -> float:
        if method == "GET" and retry < len(self._retry.backoff) and not failure.tls:
            return self._retry.backoff[retry]
        if failure.certificate:
            fix = (
                "the API's TLS certificate could not be verified. Fix: check the clock and SSL_CERT_FILE, "
                "or that NEON_API_URL names the API's real host."
            )
        elif method == "GET":
            fix = f"no answer after {retry} retries. Fix: check the network, HTTPS_PROXY, and NEON_API_URL."
        else:
            fix = (
                f"the {method} may or may not have been carried out; it is not repeated blindly. Fix: check the "
                "network, HTTPS_PROXY and NEON_API_URL; a branch created this way expires by itself."
            )
        raise NeonApiError(
            f"Neon API: could not {action}: no answer from {self.base_url} ({self._scrubbed(failure.detail)}); {fix}"
        )

    def _scrubbed(self, text: str) -> str:
        return text.replace(self._key.reveal(), "****")


@dataclass(frozen=True)
class _Answer:
    """An unsuccessful HTTP answer, kept without urllib's exception."""

    status: int
    headers: Any  # email.message.Message
    payload: bytes


@dataclass(frozen=True)
class _NoAnswer:
    """A request that got no HTTP answer: what went wrong, as text."""

    detail: str
    tls: bool  # a TLS failure: retrying does not help
    certificate: bool

    @classmethod
    def of(cls, error: BaseException) -> _NoAnswer:
        reason = getattr(error, "reason", error)
        if not isinstance(reason, BaseException):
            reason = error
        return cls(
            f"{type(reason).__name__}: {reason}",
            isinstance(reason, ssl.SSLError),
            isinstance(reason, ssl.SSLCertVerificationError),
        )


class _RefuseRedirects(urllib.request.HTTPRedirectHandler):
    """Make every 3xx an error answer instead of a new request carrying the key."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _tls_context() -> ssl.SSLContext:
    """Verify the API's certificate against the roots the plugin finds for Neon (system bundle)."""
    try:
        bundle = discover_system_bundle()
    except RootBundleError:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=str(bundle.path))


def _decode(payload: bytes, action: str) -> dict[str, Any]:
    if not payload.strip():
        return {}
    try:
        value = json.loads(payload)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise NeonApiError(
            f"Neon API: could not {action}: the answer is not a JSON object (a proxy or captive portal in "
            "the way?). Fix: check NEON_API_URL and the network."
        )
    return value


def _general_error(payload: bytes) -> tuple[str, str, str]:
    """``code``, ``message`` and ``request_id`` of Neon's GeneralError body (empty when absent)."""
    try:
        value = json.loads(payload)
    except ValueError:
        return "", payload.decode(errors="replace").strip()[:200], ""
    if not isinstance(value, dict):
        return "", "", ""
    return str(value.get("code") or ""), str(value.get("message") or ""), str(value.get("request_id") or "")


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
