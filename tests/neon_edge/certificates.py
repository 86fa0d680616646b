"""The edge's certificates: a throwaway root, an intermediate and one wildcard leaf per region.

Shaped like Neon's (Let's Encrypt): the server presents the leaf and the intermediate, the
client trusts only the root (``sslrootcert``). The leaf names ``*.<region>`` for each region the
edge serves, e.g. ``*.us-east-2.aws.neon.tech``; libpq's verify-full accepts
``ep-....us-east-2.aws.neon.tech`` against it (a wildcard covers exactly one label).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import trustme

from . import facts


class EdgeCertificates:
    """Root, intermediate and wildcard leaf (trustme); writes the root for clients and builds the server context."""

    def __init__(self, regions: tuple[str, ...]) -> None:
        self.regions = regions
        self._root = trustme.CA(organization_name="neon-edge stand-in root (ISRG-like)")
        self._intermediate = trustme.CA(parent_cert=self._root, organization_name="neon-edge stand-in R11")
        self._leaf = self._intermediate.issue_cert(*(f"*.{region}" for region in regions))

    @property
    def root_pem(self) -> bytes:
        return self._root.cert_pem.bytes()

    @property
    def leaf_pem(self) -> str:
        """The served leaf alone: its hash is the ``tls-server-end-point`` channel binding."""
        return self._leaf.cert_chain_pems[0].bytes().decode("ascii")

    def write_root(self, path: Path) -> Path:
        path.write_bytes(self.root_pem)
        return path

    def server_context(self) -> ssl.SSLContext:
        """TLS 1.2/1.3 with the leaf and intermediate, ALPN ``postgresql``."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_alpn_protocols([facts.ALPN])
        self._leaf.configure_cert(context)
        return context
