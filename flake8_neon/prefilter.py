"""A cheap textual test that decides whether a file is worth a libcst parse."""

from __future__ import annotations

import re

#: Words that every finding needs somewhere in the file: a Postgres URI, a libpq TLS
#: keyword, the name of a driver module (imports name it), Django's DATABASES, or the
#: keywords that mark a key/value connection string.
_SIGNALS = re.compile(
    r"postgres|sslmode|requiressl|PGSSL|psycopg|asyncpg|pg8000|sqlalchemy|create_(?:async_)?engine"
    r"|dj_database_url|DATABASES|dbname\s*=|hostaddr\s*="
)


def may_contain_findings(source: str) -> bool:
    """False when no rule can report anything in ``source``: skip the libcst parse.

    Takes the whole file as one string (flake8's ``lines`` joined with ``""``).
    """
    return _SIGNALS.search(source) is not None
