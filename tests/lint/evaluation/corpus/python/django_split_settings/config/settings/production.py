from .base import *  # noqa: F401,F403
from .base import DATABASES

DEBUG = False
DATABASES["default"]["OPTIONS"] = {"sslmode": "require"}
DATABASES["default"]["CONN_MAX_AGE"] = 60
