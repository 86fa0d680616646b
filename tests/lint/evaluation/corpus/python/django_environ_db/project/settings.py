import environ

env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env()

DEBUG = env("DEBUG")
DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://app@pg.internal.example.com:5432/app?sslmode=prefer"),
}
