"""Generated lint corpus where every file holds PostgreSQL connection code.

This is the worst case for the linter's textual prefilter: every file passes it, so
every file is parsed with libcst.  Files are deterministic (seeded) and of realistic
size: connection code (flagged and safe) mixed with ordinary classes and functions.
"""

from __future__ import annotations

import random
from pathlib import Path

FILE_COUNT = 120
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")

CONNECTION_SNIPPETS = (
    'conn = psycopg.connect("host={host} dbname=app user=app sslmode={mode}")',
    'conn = psycopg2.connect(host="{host}", dbname="app", sslmode="{mode}")',
    'engine = create_engine("postgresql+psycopg://app@{host}/app?sslmode={mode}")',
    'DATABASE_URL = "postgresql://app:secret@{host}:5432/app?sslmode={mode}"',
    'pool = await asyncpg.create_pool(dsn=f"postgres://app@{{host}}/app", ssl="{mode}")',
    'settings = {{"ENGINE": "django.db.backends.postgresql", "OPTIONS": {{"sslmode": "{mode}"}}}}',
    'dsn = " ".join(["host={host}", "sslmode={mode}", "sslrootcert=/etc/ssl/root.crt"])',
)

FILLER_CLASS = '''

class {name}:
    """Plain business logic that the linter must still walk through."""

    def __init__(self, items: list[int], factor: float = {factor}) -> None:
        self.items = list(items)
        self.factor = factor

    def total(self) -> float:
        return sum(item * self.factor for item in self.items if item % {mod} != 0)

    def describe(self, prefix: str = "{name}") -> str:
        parts = [f"{{prefix}}[{{index}}]={{value!r}}" for index, value in enumerate(self.items)]
        return ", ".join(parts) or prefix

    @property
    def largest(self) -> int | None:
        return max(self.items, default=None)
'''

CONNECTION_FUNCTION = '''

{async_}def {name}(host: str = "{host}") -> object:
    """Open a connection the way application code does."""
    import psycopg
    from sqlalchemy import create_engine
    {snippet}
    return locals()
'''


def _module_text(index: int, rng: random.Random) -> str:
    chunks = [f'"""Generated module {index}: connection code in every file."""\n\nimport asyncpg\n']
    for block in range(rng.randint(8, 14)):
        if block % 2 == 0:
            snippet = rng.choice(CONNECTION_SNIPPETS).format(
                host=f"db{rng.randint(1, 9)}.internal", mode=rng.choice(SSLMODES)
            )
            chunks.append(
                CONNECTION_FUNCTION.format(
                    async_="async " if "await" in snippet else "",
                    name=f"connect_{index}_{block}",
                    host="db.internal",
                    snippet=snippet,
                )
            )
        else:
            chunks.append(
                FILLER_CLASS.format(name=f"Model{index}x{block}", factor=rng.randint(1, 9) / 2, mod=rng.randint(2, 7))
            )
    return "".join(chunks)


def ensure_worst_case_corpus(target: Path, file_count: int = FILE_COUNT) -> Path:
    """Write the generated corpus into ``target`` (once) and return it."""
    done = target / ".complete"
    if done.exists() and done.read_text() == str(file_count):
        return target
    rng = random.Random(20240607)
    for index in range(file_count):
        package = target / f"pkg{index // 50}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"module_{index}.py").write_text(_module_text(index, rng), encoding="utf-8")
    done.write_text(str(file_count))
    return target
