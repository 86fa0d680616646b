from decouple import config
from dj_database_url import parse as db_url

SECRET_KEY = config("SECRET_KEY")
DEBUG = config("DEBUG", default=False, cast=bool)

DATABASES = {
    "default": config(
        "DATABASE_URL",
        default="postgres://crm:crm@crm-db.example.com:5432/crm",
        cast=db_url,
    )
}
