"""Start-up checks of the database settings.

Examples of rejected settings::

    DATABASE_URL=postgresql://app@db.example.com/app?sslmode=require
    DATABASE_URL=postgresql://app@db.example.com/app
"""

WEAK_MODES = ("disable", "allow", "prefer", "require", "verify-ca")


class InsecureDatabaseUrl(ValueError):
    pass


def check(url: str) -> None:
    """Refuse ``postgresql://host/db?sslmode=prefer`` and friends."""
    for mode in WEAK_MODES:
        if f"sslmode={mode}" in url:
            raise InsecureDatabaseUrl(f"sslmode={mode} does not verify the server; use sslmode=verify-full")
    if "sslmode=" not in url:
        raise InsecureDatabaseUrl("postgresql://db.example.com/app has no sslmode; add sslmode=verify-full")
