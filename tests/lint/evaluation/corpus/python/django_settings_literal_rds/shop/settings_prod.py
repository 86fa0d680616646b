from .settings_base import *  # noqa: F401,F403

DEBUG = False
ALLOWED_HOSTS = ["shop.example.com"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "shop",
        "USER": "shop",
        "PASSWORD": get_secret("DB_PASSWORD"),  # noqa: F405
        "HOST": "shop-prod.c9akciq32.us-east-1.rds.amazonaws.com",
        "PORT": "5432",
    }
}
