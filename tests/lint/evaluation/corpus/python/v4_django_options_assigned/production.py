import dj_database_url

from .base import *  # noqa: F403

DEBUG = False

DATABASES = {"default": dj_database_url.config(conn_max_age=600, conn_health_checks=True)}
DATABASES["default"]["OPTIONS"] = {"sslmode": "require"}

SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
