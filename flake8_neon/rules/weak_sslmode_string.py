"""NEO101: a connection string sets an sslmode weaker than verify-full."""

from __future__ import annotations

from flake8_neon.context import ConninfoLiteral
from flake8_neon.judgments import weak_sslmode
from flake8_neon.rules.base import ConninfoStringRule, Invalid


class WeakSslmodeString(ConninfoStringRule):
    """A connection URI or key/value string asks for less than ``sslmode=verify-full``.

    ``disable``, ``allow`` and ``prefer`` may send everything in plaintext; ``require``
    (also spelled ``requiressl=1`` or, in a URI, ``ssl=true``) encrypts but never checks
    who answers; ``verify-ca`` checks the chain but not the host name. Only verify-full
    stops an attacker on the path. The fix rewrites the setting to ``sslmode=verify-full``;
    add trusted roots yourself (``sslrootcert=<CA bundle>``, or ``sslrootcert=system`` on
    libpq 16+), since verify-full without a root file fails to connect.

    In a SQLAlchemy ``postgresql+asyncpg://`` URL the setting is asyncpg's ``ssl=``.
    """

    CODE = "NEO101"
    VALID = (
        "from sqlalchemy import make_url\n"
        'url = make_url("postgresql://db.example.com/app?sslmode=require").set(query={"sslmode": "verify-full"})',
        'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"',
        'DSN = "host=ep-cool-1.neon.tech dbname=neondb sslmode=verify-full sslrootcert=system"',
        'DSN = "postgresql://app@localhost/test?sslmode=disable"',
        'DSN = f"postgresql://{user}@db.example.com/app?sslmode={mode}"',
        'def f():\n    """Do not use postgresql://db.example.com/app?sslmode=require."""',
        'log.info("postgresql://db.example.com/app?sslmode=require")',
        'DSN = "mysql://db.example.com/app?sslmode=require"',
    )
    INVALID = (
        Invalid(
            'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=require"',
            'DSN = "postgresql://app@ep-cool-1.neon.tech/neondb?sslmode=verify-full"',
        ),
        Invalid(
            "DSN = 'host=db.example.com dbname=app sslmode=verify-ca'",
            "DSN = 'host=db.example.com dbname=app sslmode=verify-full'",
        ),
        Invalid(
            'DSN = "postgres://db.example.com/app?ssl=true"',
            'DSN = "postgres://db.example.com/app?sslmode=verify-full"',
        ),
        Invalid(
            'DSN = "host=db.example.com requiressl=1"',
            'DSN = "host=db.example.com sslmode=verify-full"',
        ),
        Invalid(
            'DSN = "postgresql://db.example.com/app?sslmode=verify-full&sslmode=prefer"',
            'DSN = "postgresql://db.example.com/app?sslmode=verify-full&sslmode=verify-full"',
        ),
        Invalid('DSN = f"postgresql://{user}:{password}@db.example.com/app?sslmode=require"'),
        Invalid(
            'DSN = ("postgresql://db.example.com/app"  # split over lines\n       "?sslmode=disable")',
            'DSN = ("postgresql://db.example.com/app"  # split over lines\n       "?sslmode=verify-full")',
        ),
        Invalid('DSN = "postgresql://db.example.com/app" "?sslmode=dis\\x61ble"'),  # escapes: not fixed
        Invalid('engine = create_async_engine("postgresql+asyncpg://db.example.com/app?ssl=require")'),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        if id(literal.node) in self.context.overridden_strings:
            return
        judgment = weak_sslmode(literal.string, self.context.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)
