DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": "geo",
        "USER": "geo",
        "HOST": "gis.example.com",
        "PORT": 5432,
        "OPTIONS": {
            "sslmode": "verify-ca",
            "sslrootcert": "/etc/geo/root.crt",
        },
    }
}
