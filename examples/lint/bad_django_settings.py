"""Django settings that weaken TLS."""

import dj_database_url

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "ep-cool-1.us-east-2.aws.neon.tech",
        "NAME": "neondb",
        "OPTIONS": {"sslmode": "require"},  # expect: NEO103
    },
    "analytics": dj_database_url.config(env="ANALYTICS_URL", ssl_require=True),  # expect: NEO109
}
