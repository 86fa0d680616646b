"""Find the trusted root certificates (``sslrootcert``) as one concrete, readable file.

Precedence: the ``--neon-sslrootcert`` option, the DSN's own ``sslrootcert``, ``PGSSLROOTCERT``,
then automatic discovery. The value ``system`` (at any level) also means automatic discovery,
because libpq cannot be trusted to find the system roots itself: psycopg-binary's bundled
OpenSSL looks in ``/usr/lib/psycopg-openssl``, which does not exist on ordinary systems, and
libpq before 16 treats ``system`` as a file name. Automatic discovery tries ``SSL_CERT_FILE``,
the operating system's bundle locations, then certifi's bundle.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SYSTEM = "system"

#: Where operating systems keep their PEM bundle of trusted roots, in the order tried.
OS_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Gentoo, Arch
    "/etc/pki/tls/certs/ca-bundle.crt",  # RHEL, Fedora, CentOS
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  # RHEL, Fedora (extracted)
    "/etc/ssl/ca-bundle.pem",  # openSUSE, SLES
    "/var/lib/ca-certificates/ca-bundle.pem",  # openSUSE (extracted)
    "/etc/ssl/cert.pem",  # Alpine, macOS, FreeBSD, OpenBSD
    "/usr/local/etc/openssl/cert.pem",  # macOS with Homebrew OpenSSL (Intel)
    "/opt/homebrew/etc/openssl@3/cert.pem",  # macOS with Homebrew OpenSSL (Apple silicon)
)


class RootBundleError(ValueError):
    """No usable root certificate file; the message says where it looked and what to do."""


@dataclass(frozen=True)
class RootBundle:
    """A readable file of trusted roots and why it was chosen."""

    path: Path
    source: str  # e.g. "--neon-sslrootcert", "PGSSLROOTCERT", "automatic: SSL_CERT_FILE"

    def describe(self) -> str:
        return f"{self.path} ({self.source})"


def resolve_root_bundle(
    option: str | None,
    dsn_sslrootcert: str | None,
    environ: Mapping[str, str] | None = None,
) -> RootBundle:
    """Apply the precedence above and return a checked, concrete root bundle."""
    env = os.environ if environ is None else environ
    for value, source in (
        (option, "--neon-sslrootcert"),
        (dsn_sslrootcert, "sslrootcert in the DSN"),
        (env.get("PGSSLROOTCERT"), "PGSSLROOTCERT"),
    ):
        if value:
            if value == SYSTEM:
                return discover_system_bundle(env, requested_by=source)
            return _checked(Path(value).expanduser(), source)
    return discover_system_bundle(env, requested_by=None)


def discover_system_bundle(environ: Mapping[str, str] | None = None, requested_by: str | None = None) -> RootBundle:
    """The first readable bundle among SSL_CERT_FILE, the OS locations and certifi."""
    env = os.environ if environ is None else environ
    prefix = f"{SYSTEM} via {requested_by}: " if requested_by else "automatic: "
    tried: list[str] = []
    ssl_cert_file = env.get("SSL_CERT_FILE")
    if ssl_cert_file:
        path = Path(ssl_cert_file).expanduser()
        if _readable_file(path):
            return RootBundle(path, prefix + "SSL_CERT_FILE")
        tried.append(f"SSL_CERT_FILE={path}")
    for location in OS_BUNDLES:
        if _readable_file(Path(location)):
            return RootBundle(Path(location), prefix + "operating system bundle")
        tried.append(location)
    certifi_bundle = _certifi_bundle()
    if certifi_bundle is not None and _readable_file(certifi_bundle):
        return RootBundle(certifi_bundle, prefix + "certifi")
    tried.append("certifi (not installed)" if certifi_bundle is None else str(certifi_bundle))
    raise RootBundleError(
        "no trusted root certificate bundle found; looked at: "
        + ", ".join(tried)
        + ". Fix: pass --neon-sslrootcert PATH (a PEM file with the CA that signed the "
        "server's certificate; for Neon, the ISRG Root X1 from Let's Encrypt), set "
        "SSL_CERT_FILE, or `pip install certifi`."
    )


def _checked(path: Path, source: str) -> RootBundle:
    if not path.exists():
        raise RootBundleError(
            f"root certificate file {str(path)!r} from {source} does not exist. Fix: point "
            "it at a PEM file with the CA that signed the server's certificate, or use "
            "'system' to find the operating system's bundle."
        )
    if not _readable_file(path):
        raise RootBundleError(
            f"root certificate file {str(path)!r} from {source} is not a readable file. "
            "Fix: check its permissions, or point it at a readable PEM file."
        )
    return RootBundle(path, source)


def _readable_file(path: Path) -> bool:
    return path.is_file() and os.access(path, os.R_OK)


def _certifi_bundle() -> Path | None:
    try:
        import certifi
    except ImportError:
        return None
    return Path(certifi.where())
