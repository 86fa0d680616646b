"""Certificates for the embedded server: a throwaway CA and the server certificates it signs.

The normal case uses trustme (a CA plus a leaf for ``localhost`` and ``127.0.0.1``).
:meth:`TestAuthority.issue` builds leaves with full control over names and validity (a
certificate with only a CN, wildcard SANs, expired or not yet valid) with ``cryptography``,
still signed by the same CA, so tests can show what ``verify-full`` accepts and refuses.
"""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cryptography import x509

DEFAULT_SERVER_NAMES = ("localhost", "127.0.0.1")


@dataclass(frozen=True)
class ServerCertificate:
    """A PEM certificate chain and its private key, ready to hand to PostgreSQL."""

    cert_pem: bytes
    key_pem: bytes


class TestAuthority:
    """A throwaway certificate authority (trustme) that signs server certificates."""

    __test__ = False  # not a pytest test class despite the name

    def __init__(self) -> None:
        import trustme

        self._ca = trustme.CA(organization_name="neon-tls throwaway CA")

    @property
    def ca_pem(self) -> bytes:
        """The CA certificate clients must trust (the ``sslrootcert`` file)."""
        return self._ca.cert_pem.bytes()

    def write_ca(self, path: Path) -> Path:
        """Write the CA certificate to ``path`` and return it."""
        path.write_bytes(self.ca_pem)
        return path

    def server_certificate(self, *names: str) -> ServerCertificate:
        """A certificate for ``names`` (default ``localhost`` and ``127.0.0.1``), valid now."""
        leaf = self._ca.issue_cert(*(names or DEFAULT_SERVER_NAMES))
        chain = b"".join(blob.bytes() for blob in leaf.cert_chain_pems)
        return ServerCertificate(cert_pem=chain, key_pem=leaf.private_key_pem.bytes())

    def issue(
        self,
        *,
        san: tuple[str, ...] = (),
        common_name: str | None = None,
        not_before: datetime.datetime | None = None,
        not_after: datetime.datetime | None = None,
    ) -> ServerCertificate:
        """A certificate with exactly these names and validity (no SAN extension if ``san`` is empty).

        Entries of ``san`` that parse as IP addresses become IP SANs, the rest DNS SANs.
        """
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        ca_cert = x509.load_pem_x509_certificate(self.ca_pem)
        ca_key = serialization.load_pem_private_key(self._ca.private_key_pem.bytes(), password=None)
        now = datetime.datetime.now(datetime.timezone.utc)
        key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)] if common_name else [])
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - datetime.timedelta(hours=1))
            .not_valid_after(not_after or now + datetime.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        )
        if san:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([_general_name(name) for name in san]),
                critical=False,
            )
        cert = builder.sign(ca_key, hashes.SHA256())  # type: ignore[arg-type]
        return ServerCertificate(
            cert_pem=cert.public_bytes(serialization.Encoding.PEM),
            key_pem=key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )


def _general_name(name: str) -> x509.GeneralName:
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)
