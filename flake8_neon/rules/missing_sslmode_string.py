"""NEO102: a connection string to a remote host sets no sslmode at all."""

from __future__ import annotations

from flake8_neon.context import ConninfoLiteral
from flake8_neon.judgments import missing_sslmode
from flake8_neon.rules.base import ConninfoStringRule, Invalid


class MissingSslmodeString(ConninfoStringRule):
    """A connection string names a remote host but no sslmode.

    libpq then uses its default ``prefer``: TLS only if the server offers it, silent
    fallback to plaintext, and no check of who answers. ``sslrootcert=system`` (libpq 16+)
    is the one exception: it makes verify-full the default. Local hosts (localhost,
    loopback, socket paths, ``--neon-local-hosts``) are not reported. The fix appends
    ``sslmode=verify-full``; add trusted roots yourself.

    In a ``postgresql+asyncpg://`` URL asyncpg's default is ``prefer`` as well.
    """

    CODE = "NEO102"
    VALID = (
        "from sqlalchemy import make_url\n"
        'url = make_url("postgresql+psycopg://db.example.com/app").set(query={"sslmode": "verify-full"})',
        'DSN = "postgresql://app@db.example.com/app?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"',
        'DSN = "postgresql://app@db.example.com/app?sslrootcert=system"',
        'DSN = "postgresql://app@localhost:5432/app"',
        'DSN = "host=/var/run/postgresql dbname=app"',
        'DSN = f"postgresql://app@{host}/app"',
        'import psycopg\nconn = psycopg.connect("postgresql://db.example.com/app", sslmode="verify-full")',
        'from psycopg import connect\nconn = connect("postgresql://db.example.com/app", **settings)',
        'raise ValueError("expected postgresql://db.example.com/app?sslmode=verify-full")',
    )
    INVALID = (
        Invalid(
            'DSN = "postgresql://app@ep-cool-1.us-east-2.aws.neon.tech/neondb"',
            'DSN = "postgresql://app@ep-cool-1.us-east-2.aws.neon.tech/neondb?sslmode=verify-full"',
        ),
        Invalid(
            "DSN = 'host=db.example.com dbname=app user=app'",
            "DSN = 'host=db.example.com dbname=app user=app sslmode=verify-full'",
        ),
        Invalid(
            'DSN = "postgresql://db.example.com/app?connect_timeout=10"',
            'DSN = "postgresql://db.example.com/app?connect_timeout=10&sslmode=verify-full"',
        ),
        Invalid('DSN = f"postgresql://{user}:{password}@db.example.com/app"'),
        Invalid('DSN = "postgresql://%s@db.example.com/app" % user'),
        Invalid('DSN = "postgresql+asyncpg://db.example.com/app"'),
    )

    def check(self, literal: ConninfoLiteral) -> None:
        if id(literal.node) in self.context.covered_strings:
            return
        judgment = missing_sslmode(literal.string, self.context.settings)
        if judgment is not None:
            self.report(literal.node, judgment.message, literal.fixed() if judgment.fixable else None)
