from app.db import build_dsn


def test_build_dsn():
    assert build_dsn(host="db.example.com", dbname="app") == "host=db.example.com dbname=app sslmode=require"


def test_build_dsn_override():
    expected = "host=db.example.com dbname=app sslmode=verify-full"
    assert build_dsn(host="db.example.com", dbname="app", sslmode="verify-full") == expected
