import pytest

from app.settings import is_secure_url


@pytest.mark.parametrize(
    "url, secure",
    [
        ("postgresql://app@db.example.com/app?sslmode=disable", False),
        ("postgresql://app@db.example.com/app?sslmode=require", False),
        ("postgresql://app@db.example.com/app", False),
        ("postgresql://app@db.example.com/app?sslmode=verify-full", True),
    ],
)
def test_is_secure_url(url, secure):
    assert is_secure_url(url) is secure
