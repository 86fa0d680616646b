from decouple import Choices, config

DATABASES_OPTIONS = {}
DB_ENGINE = config("DB_ENGINE", default="django.db.backends.postgresql")

if DB_ENGINE == "django.db.backends.postgresql":
    DATABASES_OPTIONS = {
        "sslmode": config(
            "DB_SSLMODE",
            default="prefer",
            cast=Choices(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]),
        ),
    }

DATABASES = {
    "default": {
        "ENGINE": DB_ENGINE,
        "NAME": config("DB_NAME"),
        "USER": config("DB_USER"),
        "HOST": config("DB_HOST"),
        "OPTIONS": DATABASES_OPTIONS,
    }
}
