"""Generated lint corpus where every file holds PostgreSQL connection code.

This is the worst case for the linter's prefilter: every file passes it, so every file is
parsed with libcst, and the rules have to follow values through the module. Files are
deterministic (seeded) and of realistic size: ordinary classes and functions mixed with
connection code (flagged and safe) written the ways application code writes it: strings in
calls, module constants and f-strings built from them, settings classes read as
``Settings.URL`` and ``self.URL``, helper functions returning SSL contexts, connection pools,
conditional sslmodes and SQLAlchemy ``connect_args``.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

FILE_COUNT = 120
SSLMODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
#: Changes whenever this generator does, so a cached corpus is rebuilt.
VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]

IMPORTS = """\
import os
import ssl

import asyncpg
import psycopg
import psycopg2
from dbutils.pooled_db import PooledDB
from psycopg2.pool import ThreadedConnectionPool
from psycopg_pool import ConnectionPool
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

from app.config import settings

CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
"""

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
    {snippet}
    return locals()
'''

#: Connection code spread over a module: each block binds names that a later call uses.
FOLLOWED_BLOCKS = (
    # a constant, and a key/value string built from it, connected to in a helper
    """

{upper}_HOST = "{host}"
{upper}_DSN = f"host={{{upper}_HOST}} dbname={name} user={name}_reader sslmode={mode}"


def open_{name}() -> psycopg2.extensions.connection:
    return psycopg2.connect({upper}_DSN)
""",
    # a settings class read as Class.NAME and self.NAME
    """

class {title}Settings:
    HOST = "{host}"
    SSLMODE = "{mode}"
    URL = "postgresql://{name}@{host}/{name}?sslmode={mode2}"

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(self.URL)


def connect_{name}() -> psycopg.Connection:
    return psycopg.connect(host={title}Settings.HOST, dbname="{name}", sslmode={title}Settings.SSLMODE)
""",
    # a helper that builds the SSL context an asyncpg pool uses
    """

def {name}_ssl_context() -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=CA_BUNDLE)
    context.check_hostname = {check}
    context.verify_mode = ssl.{verify}
    return context


async def {name}_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(settings.{upper}_URL, ssl={name}_ssl_context(), min_size=2, max_size=10)
""",
    # psycopg2, psycopg_pool and DBUtils pools
    """

def {name}_threaded_pool() -> ThreadedConnectionPool:
    return ThreadedConnectionPool(1, 20, host="{host}", dbname="{name}", sslmode="{mode}")


{name}_pool = ConnectionPool(
    "postgresql://{name}@{host}/{name}",
    kwargs={{"sslmode": "{mode2}", "sslrootcert": CA_BUNDLE}},
    open=False,
)
{upper}_POOL_OPTIONS = dict(host="{host}", dbname="{name}", sslmode="{mode}")
{name}_pooled = PooledDB(psycopg2, maxconnections=8, **{upper}_POOL_OPTIONS)
""",
    # an sslmode chosen by a conditional expression
    """

{upper}_SSLMODE = "{mode}" if os.environ.get("APP_ENV") == "production" else "{mode2}"


def {name}_connection(dsn: str) -> psycopg.Connection:
    return psycopg.connect(dsn, sslmode={upper}_SSLMODE, sslrootcert=CA_BUNDLE)
""",
    # SQLAlchemy engines whose connect_args choose TLS
    """

{name}_engine = create_async_engine(
    settings.{upper}_URL,
    pool_pre_ping=True,
    connect_args={{"ssl": "{mode}"}},
)
{name}_sync_engine = create_engine(
    "postgresql+psycopg2://{name}@{host}/{name}",
    connect_args={{"sslmode": "{mode2}", "sslrootcert": CA_BUNDLE}},
)
""",
)
WORDS = ("billing", "reports", "audit", "search", "orders", "ledger", "events", "accounts", "inventory")


def _followed_block(index: int, block: int, rng: random.Random) -> str:
    name = f"{rng.choice(WORDS)}{index}_{block}"
    unverified = rng.random() < 0.5
    return rng.choice(FOLLOWED_BLOCKS).format(
        name=name,
        upper=name.upper(),
        title=name.title().replace("_", ""),
        host=f"{rng.choice(WORDS)}-db{rng.randint(1, 9)}.internal",
        mode=rng.choice(SSLMODES),
        mode2=rng.choice(SSLMODES),
        check="False" if unverified else "True",
        verify="CERT_NONE" if unverified else "CERT_REQUIRED",
    )


def _module_text(index: int, rng: random.Random) -> str:
    chunks = [f'"""Generated module {index}: connection code in every file."""\n\n', IMPORTS]
    for block in range(rng.randint(10, 16)):
        if block % 3 == 0:
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
        elif block % 3 == 1:
            chunks.append(_followed_block(index, block, rng))
        else:
            chunks.append(
                FILLER_CLASS.format(name=f"Model{index}x{block}", factor=rng.randint(1, 9) / 2, mod=rng.randint(2, 7))
            )
    return "".join(chunks)


def ensure_worst_case_corpus(target: Path, file_count: int = FILE_COUNT) -> Path:
    """Write the generated corpus into ``target`` (once per version of this generator) and return it."""
    done = target / ".complete"
    stamp = f"{file_count} {VERSION}"
    if done.exists() and done.read_text() == stamp:
        return target
    shutil.rmtree(target, ignore_errors=True)
    rng = random.Random(20240607)
    for index in range(file_count):
        package = target / f"pkg{index // 50}"
        package.mkdir(parents=True, exist_ok=True)
        (package / f"module_{index}.py").write_text(_module_text(index, rng), encoding="utf-8")
    done.write_text(stamp)
    return target
