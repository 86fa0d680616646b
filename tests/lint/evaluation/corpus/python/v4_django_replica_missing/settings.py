import os

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "USER": os.environ["DB_USER"],
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ["DB_HOST"],
        "OPTIONS": {"sslmode": "verify-full", "sslrootcert": "system"},
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["DB_NAME"],
        "USER": "readonly",
        "PASSWORD": os.environ["REPLICA_PASSWORD"],
        "HOST": "replica-1.db.example.com",
        "PORT": "5432",
    },
}
DATABASE_ROUTERS = ["core.routers.PrimaryReplicaRouter"]
