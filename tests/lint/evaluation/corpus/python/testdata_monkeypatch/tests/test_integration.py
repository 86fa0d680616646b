import os

import psycopg
import pytest


@pytest.fixture(autouse=True)
def _tls(monkeypatch):
    monkeypatch.setenv("PGSSLMODE", "require")


def test_select_one():
    with psycopg.connect(os.environ["INTEGRATION_DATABASE_URL"]) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
