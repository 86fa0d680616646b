DATABASES = {
    "default": {
        "ENGINE": "django.contrib.gis.db.backends.postgis",
        "NAME": "maps",
        "USER": "maps",
        "HOST": "maps-db.example.com",
        "PORT": 5432,
        "OPTIONS": {"sslmode": "verify-ca", "sslrootcert": "/etc/ssl/certs/maps-ca.pem"},
    }
}
