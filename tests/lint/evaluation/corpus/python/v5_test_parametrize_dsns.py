import pytest

from app.db import redact_dsn


@pytest.mark.parametrize(
    "dsn, expected",
    [
        ("postgresql://a:secret@db.example.com/x?sslmode=prefer", "postgresql://a:***@db.example.com/x?sslmode=prefer"),
        ("host=db.example.com password=secret", "host=db.example.com password=***"),
    ],
)
def test_redact(dsn, expected):
    assert redact_dsn(dsn) == expected
