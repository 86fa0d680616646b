SSLMODE_HELP = {
    "disable": "no TLS at all",
    "require": "TLS without certificate checks",
    "verify-ca": "TLS, chain checked",
    "verify-full": "TLS, chain and host name checked",
}

SSLMODE_CHOICES = sorted(SSLMODE_HELP)


def describe(mode: str) -> str:
    return SSLMODE_HELP.get(mode, "unknown sslmode")
