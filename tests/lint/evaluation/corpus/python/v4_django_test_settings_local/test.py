from .base import *  # noqa: F401,F403

DATABASES["default"].update(  # noqa: F405
    {
        "HOST": "127.0.0.1",
        "PORT": "5432",
        "NAME": "test_app",
        "OPTIONS": {"sslmode": "disable"},
    }
)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
