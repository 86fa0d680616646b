from enum import Enum


class SSLMode(str, Enum):
    DISABLE = "disable"
    ALLOW = "allow"
    PREFER = "prefer"
    REQUIRE = "require"
    VERIFY_CA = "verify-ca"
    VERIFY_FULL = "verify-full"


ALLOWED_SSLMODES = {mode.value for mode in SSLMode}


def validate(mode: str) -> SSLMode:
    if mode not in ALLOWED_SSLMODES:
        raise ValueError(f"unknown sslmode {mode!r}")
    return SSLMode(mode)
