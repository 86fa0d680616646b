"""Django settings that demand verify-full: nothing to report."""

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "HOST": "ep-cool-1.us-east-2.aws.neon.tech",
        "NAME": "neondb",
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "/etc/ssl/certs/ca-certificates.crt"},
    },
    "local": {"ENGINE": "django.db.backends.postgresql", "HOST": "localhost", "NAME": "dev"},
}
