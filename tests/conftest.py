"""Fixtures every test directory may use: the local stand-in for Neon's edge (see tests/neon_edge)."""

from neon_edge.fixtures import neon_edge, neon_endpoint, neon_pooled_endpoint  # noqa: F401
