DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "intranet",
        "USER": "intranet",
        "PASSWORD": "intranet",
        "HOST": "intranet-db.corp.example.com",
        "PORT": "5432",
    },
    "local": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "intranet",
        "HOST": "localhost",
    },
}
