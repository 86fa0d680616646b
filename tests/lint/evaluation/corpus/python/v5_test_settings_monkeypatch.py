import pytest

from app.config import Settings


def test_database_url_default(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example.com/app?sslmode=require")
    assert Settings().database_url.endswith("sslmode=require")


@pytest.fixture
def remote_url():
    return "postgresql://u:p@db.example.com/app?sslmode=disable"
