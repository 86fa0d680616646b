from environs import Env

env = Env()
env.read_env()

DATABASE_URL = env.str("DATABASE_URL", default="postgres://app@db.example.com:5432/app?sslmode=require")
DEBUG = env.bool("DEBUG", default=False)
