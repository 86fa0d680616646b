import pytest

from app.urls import parse


@pytest.fixture
def dsn():
    return "postgresql://app@db.example.com/app?sslmode=require"


def test_parse(dsn):
    assert parse(dsn).sslmode == "require"
