import environ

env = environ.Env(DEBUG=(bool, False))
environ.Env.read_env()

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["*"])

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://app:app@db.example.com:5432/app"),
}
CACHES = {"default": env.cache("REDIS_URL", default="redis://localhost:6379/1")}
