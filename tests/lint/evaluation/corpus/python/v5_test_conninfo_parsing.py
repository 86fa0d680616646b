from psycopg.conninfo import conninfo_to_dict

from app.db import build_url


def test_conninfo_parses_sslmode():
    assert conninfo_to_dict("host=db.example.com sslmode=require") == {"host": "db.example.com", "sslmode": "require"}


def test_build_url_adds_sslmode():
    assert build_url("db.example.com", "app") == "postgresql://db.example.com/app?sslmode=verify-full"
