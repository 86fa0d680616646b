"""The prefilter: its text stage decides as its regular expressions would; its ``ast`` stage reads every node."""

from __future__ import annotations

import ast
import re

import pytest

from flake8_neon.prefilter import may_contain_findings, text_may_contain_findings

#: The text stage spelled as two regular expressions (one scan per alternative in the prefilter itself).
SIGNALS = re.compile(
    r"postgres|sslmode|requiressl|PGSSL|psycopg|asyncpg|pg8000|sqlalchemy|sqlmodel|create_(?:async_)?engine"
    r"|dj_database_url|DATABASES|dbname\s*=|hostaddr\s*=|pgdb|aiopg|peewee|playhouse|DBUtils|dbutils|databases"
)
CANDIDATES = re.compile(
    r"postgres(?:ql)?(?:\+\w+)?://|sslmode|requiressl|PGSSL|ssl_context|ssl_require|\bssl\b"
    r"|dbname\s*=|hostaddr\s*=|\bhost\b|\bHOST\b"
)

TEXTS = [
    "import psycopg\nimport ssl\n",
    "import psycopg\nimport openssl\n",
    "import psycopg\nx = ssl_\n",
    "import psycopg\nx = éssl\n",  # a Unicode letter before it: not the whole word
    "import psycopg\nx = ssl2\n",
    "psycopg\nssl",
    "ssl psycopg",
    "import psycopg\nlocalhost = 1\n",
    "import psycopg\nhost = 1\n",
    "import psycopg\nhostname = HOST_\n",
    "import psycopg\nHOST\n",
    "dbname  =app",
    "dbname\t= app hostaddr",
    "hostaddr =1",
    "hostaddr1 = 1",
    "DSN = 'postgres://db'",
    "DSN = 'postgresql+asyncpg://db'",
    "DSN = 'postgresql+://db'",
    "create_async_engine(x, host=y)",
    "create_engine_x(host)",
    "createengine(host)",
    "DATABASES = {'HOST': 'db'}",
    "from pg8000 import connect  # ssl_context",
    "aiopg peewee playhouse DBUtils dbutils pgdb sqlmodel dj_database_url requiressl PGSSLMODE",
    "from databases import Database\nDatabase(url, ssl=False)",
    "nothing here",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_stage_decides_as_its_regular_expressions(text: str) -> None:
    expected = SIGNALS.search(text) is not None and CANDIDATES.search(text) is not None
    assert text_may_contain_findings(text) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import psycopg\n\ndef f():\n    return g(host='db.example.com')\n", True),
        ("import psycopg\n\nclass C:\n    def f(self):\n        return {'host': 1}[x]\n", True),
        ("import os\n\ndef f():\n    return g(host='db.example.com')  # psycopg\n", False),
        ("global_names = 1\n\ndef f():\n    global a, b\n    return {**x, 'host': psycopg}\n", False),
        ("DATABASES = {}\nx = {**y, 'HOST': 1}\n", True),
        ("import psycopg\nx = [f'postgresql://{u}@db/app' for u in users]\n", True),
        ("import psycopg\nmatch x:\n    case {'sslmode': m}:\n        pass\n", True),
        ("import psycopg\nasync def f():\n    async with pool(ssl_context=None) as c:\n        pass\n", True),
        ("from databases import Database\n\ndb = Database(url, ssl=False)\n", True),
        ("import psycopg2\n\nclass C:\n    sslmode: str = 'require'\n\npsycopg2.connect(**vars(C()))\n", True),
        ("import psycopg2, ssl\n\nx = ssl.create_default_context()\n", False),
        ("import psycopg\n'''Connects to postgresql://db.example.com/app.'''\nhost = 1\n", False),
    ],
)
def test_ast_stage_reads_every_node(source: str, expected: bool) -> None:
    assert may_contain_findings(source, ast.parse(source)) is expected
