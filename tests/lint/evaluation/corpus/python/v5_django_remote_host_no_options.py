import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql_psycopg2",
        "NAME": "campus",
        "USER": "campus",
        "PASSWORD": os.environ.get("CAMPUS_DB_PASSWORD"),
        "HOST": "campus-db.postgres.database.azure.com",
        "PORT": "5432",
    }
}
