import environ

env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env()

DEBUG = env("DEBUG")
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://app:app@app-db.example.com:5432/app"),
}
