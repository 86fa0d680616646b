from app.db import connection_settings


def test_defaults_to_verify_full():
    assert connection_settings({}) == {"sslmode": "verify-full", "sslrootcert": "system"}


def test_keeps_explicit_mode():
    assert connection_settings({"sslmode": "require"})["sslmode"] == "require"
