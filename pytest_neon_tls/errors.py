"""The plugin's exceptions. Their messages say what is wrong and the fix, and never hold a password."""

from __future__ import annotations


class NeonTlsError(Exception):
    """Base class of the plugin's errors; messages never contain a password."""


class NeonConnectError(NeonTlsError):
    """A connection could not be made or could not be proven to use ``verify-full``."""
