import pytest

from app.db import parse_database_url


def test_parses_sslmode():
    parsed = parse_database_url("postgresql://u@db.example.com/app?sslmode=require")
    assert parsed.sslmode == "require"
    assert parsed.host == "db.example.com"


def test_rejects_unknown_scheme():
    with pytest.raises(ValueError):
        parse_database_url("mysql://u@db.example.com/app")


def test_round_trip():
    url = "postgresql://u:p@db.example.com:5432/app?sslmode=prefer"
    assert str(parse_database_url(url)) == url
