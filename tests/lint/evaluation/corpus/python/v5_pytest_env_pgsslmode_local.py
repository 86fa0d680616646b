import psycopg
import pytest


@pytest.fixture
def conn(monkeypatch):
    monkeypatch.setenv("PGHOST", "localhost")
    conn = psycopg.connect("dbname=test user=postgres host=localhost")
    yield conn
    conn.close()
