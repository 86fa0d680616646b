from pathlib import Path

import environ

env = environ.Env(DEBUG=(bool, False))
BASE_DIR = Path(__file__).resolve().parent.parent
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://shop:shop@shop-db.example.com:5432/shop"),
}
DATABASES["default"]["OPTIONS"] = {"sslmode": "require"}
DATABASES["default"]["CONN_MAX_AGE"] = 60
